using InteractionLab.Api.Studies;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tests.Builder;

/// <summary>Task stages checked against the catalog: problems land on the builder's field paths.</summary>
public sealed class TaskStageValidationTests
{
    private static readonly TaskCatalog Catalog = new([.. TaskCatalog.Discover(), new ProbeTask()]);

    private static readonly Dictionary<string, string> Sets = new()
    {
        ["demo-probe-items"] = "probe-items",
        ["demo-dialogue-scenarios"] = "dialogue-scenarios",
    };

    private static StudyConfig With(TaskConfig task) => StudyTemplates.Create(StudyTemplates.Empty, "T") is var c
        ? c with { Stages = [c.Stages[0], new StageConfig("task", StageKind.Task, "Task", Task: task), c.Stages[1]] }
        : c;

    private static Dictionary<string, List<string>> Problems(TaskConfig task) =>
        TaskStageProblems.Find(With(task), Catalog, Sets).ToDictionary(p => p.Key, p => p.Value.ToList());

    [Fact]
    public void AGoodProbeStageAndADialogueWithOrWithoutASetHaveNoProblems()
    {
        Assert.Empty(Problems(new TaskConfig(ProbeTask.TypeKey, Stimuli: "demo-probe-items",
            Settings: new Dictionary<string, string> { ["assisted-count"] = "3", ["ratio"] = "0.25", ["show-hints"] = "no", ["contexts"] = "a\nb", ["temperature"] = "0.2" })));
        Assert.Empty(Problems(new TaskConfig("social-dialogue", Stimuli: "demo-dialogue-scenarios")));
        Assert.Empty(Problems(new TaskConfig("social-dialogue", ["Talk about cats."])));
    }

    [Fact]
    public void AnUnknownTaskTypeIsNamedOnTheTypeField()
    {
        var message = Assert.Single(Problems(new TaskConfig("no-such-task"))["stages[1].task.type"]);
        Assert.Contains("there is no task type 'no-such-task'", message);
        Assert.Contains("social-dialogue", message);
    }

    [Fact]
    public void ATypeThatNeedsStimuliWithoutASetIsRefused() =>
        Assert.Contains("needs a stimulus set of kind 'probe-items'", Assert.Single(Problems(new TaskConfig(ProbeTask.TypeKey))["stages[1].task.stimuli"]));

    [Fact]
    public void ASetThatDoesNotExistIsRefused() =>
        Assert.Contains("there is no stimulus set 'gone-123'", Assert.Single(Problems(new TaskConfig(ProbeTask.TypeKey, Stimuli: "gone-123"))["stages[1].task.stimuli"]));

    [Fact]
    public void ASetOfAnotherKindIsRefused() =>
        Assert.Contains("holds 'dialogue-scenarios' stimuli, but Probe task reads 'probe-items'",
            Assert.Single(Problems(new TaskConfig(ProbeTask.TypeKey, Stimuli: "demo-dialogue-scenarios"))["stages[1].task.stimuli"]));

    [Fact]
    public void ScenariosTypedInAndASetAtOnceAreRefused() =>
        Assert.Contains("not both", Assert.Single(Problems(new TaskConfig("social-dialogue", ["x"], Stimuli: "demo-dialogue-scenarios"))["stages[1].task.scenarios"]));

    [Theory]
    [InlineData("assisted-count", "two", "must be a whole number")]
    [InlineData("assisted-count", "2.5", "must be a whole number")]
    [InlineData("ratio", "0,5", "must be a number")]
    [InlineData("show-hints", "maybe", "must be true or false")]
    [InlineData("max-tokens", "many", "must be a whole number")]
    public void SettingsThatDoNotParseAreRefusedOnTheirOwnField(string key, string value, string expected)
    {
        var problems = Problems(new TaskConfig(ProbeTask.TypeKey, Stimuli: "demo-probe-items", Settings: new Dictionary<string, string> { [key] = value }));
        Assert.Contains(expected, Assert.Single(problems[$"stages[1].task.settings.{key}"]));
        Assert.Single(problems);
    }

    [Fact]
    public void AnUnknownSettingKeyIsRefusedWithTheKeysTheTypeHas()
    {
        var message = Assert.Single(Problems(new TaskConfig(ProbeTask.TypeKey, Stimuli: "demo-probe-items",
            Settings: new Dictionary<string, string> { ["asisted-count"] = "3" }))["stages[1].task.settings.asisted-count"]);
        Assert.Contains("has no setting 'asisted-count'", message);
        Assert.Contains("assisted-count", message.Replace("'asisted-count'", ""));
    }
}

/// <summary>Every task type of the catalog, whoever wrote it, offers a questionnaire that saves as a survey stage.</summary>
public sealed class TaskCatalogContractTests
{
    public static TheoryData<string> TypeKeys() => [.. TaskCatalog.Discover().Select(t => t.Key)];

    [Theory]
    [MemberData(nameof(TypeKeys))]
    public void ItsDefaultQuestionnaireIsAValidSurveyStageAndItsDemoSetsParse(string key)
    {
        var type = TaskCatalog.Discovered().Get(key);
        if (type.DefaultSurvey is { } survey)
        {
            var c = StudyTemplates.Create(StudyTemplates.Empty, "T");
            var config = c with { Stages = [c.Stages[0], new StageConfig("q", StageKind.Survey, "Q", Survey: survey), c.Stages[1]] };
            Assert.Empty(StudyConfigProblems.Find(config));
        }
        foreach (var demo in type.Stimuli?.DemoSets ?? [])
        {
            Assert.StartsWith("demo-", demo.Key);
            var parsed = type.Stimuli!.Parse(demo.FileName, demo.Content);
            Assert.Empty(parsed.Problems);
            Assert.True(parsed.Count > 0, $"{demo.Key} holds no items");
        }
    }
}
