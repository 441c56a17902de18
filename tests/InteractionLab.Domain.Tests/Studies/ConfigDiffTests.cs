using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Tests.Studies;

public class ConfigDiffTests
{
    private static StudyConfig WithSurveyPrompt(StudyConfig c, string prompt)
    {
        var survey = c.Stages[2];
        var item = survey.Survey!.Items[0] with { Prompt = prompt };
        return c with { Stages = [c.Stages[0], c.Stages[1], survey with { Survey = survey.Survey with { Items = [item] } }] };
    }

    [Fact]
    public void IdenticalConfigsHaveNoDifferences()
    {
        Assert.Empty(ConfigDiff.Compare(TestStudies.TwoConditions(), TestStudies.TwoConditions()));
    }

    [Fact]
    public void AChangedQuestionIsReportedAtItsPathWithBothValues()
    {
        var a = WithSurveyPrompt(TestStudies.TwoConditions(), "A");
        var b = WithSurveyPrompt(TestStudies.TwoConditions(), "B");

        var entry = Assert.Single(ConfigDiff.Compare(a, b));

        Assert.Equal("stages[2].survey.items[0].prompt", entry.Path);
        Assert.Equal(ConfigDiffKind.Changed, entry.Kind);
        Assert.Equal("stages[2].survey.items[0].prompt: \"A\" → \"B\"", entry.ToString());
    }

    [Fact]
    public void AnInsertedStageIsOneAdditionNotAChangeOfEveryLaterStage()
    {
        var a = TestStudies.TwoConditions();
        var b = a with { Stages = [a.Stages[0], new StageConfig("intro", StageKind.Instructions, "Intro", "Read me."), .. a.Stages.Skip(1)] };

        var entry = Assert.Single(ConfigDiff.Compare(a, b));

        Assert.Equal(new ConfigDiffEntry("stages[1]", ConfigDiffKind.Added, null, entry.After), entry);
        Assert.Contains("\"key\":\"intro\"", entry.After);
    }

    [Fact]
    public void ARemovedConditionIsReportedAtItsOldPosition()
    {
        var a = TestStudies.TwoConditions();
        var b = a with { Conditions = [a.Conditions[1]] };

        var entry = Assert.Single(ConfigDiff.Compare(a, b));

        Assert.Equal("conditions[0]", entry.Path);
        Assert.Equal(ConfigDiffKind.Removed, entry.Kind);
        Assert.Null(entry.After);
    }

    [Fact]
    public void ReorderedStagesAreReportedAsAChangedOrder()
    {
        var a = TestStudies.TwoConditions();
        var b = a with { Stages = [a.Stages[0], a.Stages[2], a.Stages[1]] };

        var entry = Assert.Single(ConfigDiff.Compare(a, b));

        Assert.Equal("stages.order: consent, chat, survey → consent, survey, chat", entry.ToString());
    }

    [Fact]
    public void SettingAnOptionalValueIsAnAdditionAndNumbersAreCompared()
    {
        var a = TestStudies.TwoConditions();
        var c0 = a.Conditions[0];
        var b = a with
        {
            Conditions = [c0 with { Quota = 50, Decoding = c0.Decoding with { Temperature = 0.5f } }, a.Conditions[1]],
        };

        var entries = ConfigDiff.Compare(a, b).Select(e => e.ToString()).ToList();

        Assert.Equal(["conditions[0].decoding.temperature: 0.9 → 0.5", "conditions[0].quota: + 50"], entries);
    }

    [Fact]
    public void ListsWithoutKeysAreComparedByPosition()
    {
        var a = TestStudies.TwoConditions();
        var chat = a.Stages[1];
        var b = a with { Stages = [a.Stages[0], chat with { Task = chat.Task! with { Scenarios = ["Say hi.", "Say bye."] } }, a.Stages[2]] };

        Assert.Equal(["stages[1].task.scenarios[1]: + \"Say bye.\""], ConfigDiff.Compare(a, b).Select(e => e.ToString()));
    }
}
