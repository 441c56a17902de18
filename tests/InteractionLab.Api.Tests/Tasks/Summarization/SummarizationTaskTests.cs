using System.Text.Json;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Summarization;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tests.Tasks.Summarization;

/// <summary>The task type's own rules: the prompt, the documents used, the completion rule and resuming from events.</summary>
public sealed class SummarizationTaskTests
{
    private static readonly SummarizationTask Task = new();
    private static readonly StageConfig Stage = new("summarize", StageKind.Task, "Summaries", Task: new TaskConfig(SummarizationTask.TaskKey));
    private long sequence;

    private TaskEventRecord Event(string type, object payload) =>
        new(++sequence, type, DateTimeOffset.UnixEpoch.AddSeconds(sequence), JsonSerializer.SerializeToElement(payload, TaskEventLog.Json));

    [Fact]
    public void TheCatalogFindsTheTaskWithItsDecodingDefaultsAndDemoSet()
    {
        var type = TaskCatalog.Discovered().Get("summarization");

        Assert.IsType<SummarizationTask>(type);
        Assert.Equal(0.3f, type.Decoding.Temperature);
        Assert.Equal(64, type.Decoding.MaxTokens);
        Assert.Equal(["\n"], type.Decoding.Stop);
        Assert.Equal("documents", type.Stimuli!.Kind);
        Assert.Equal(3, type.DefaultSurvey!.Items.Count);
        Assert.All(type.Events, e => Assert.StartsWith("summarization.", e.Type));
    }

    [Fact]
    public void TheDefaultPromptEndsWithSummaryAndCarriesTheDocumentOnOneLine()
    {
        var prompt = SummarizationTask.PromptFor(Stage.Task!, new SummaryDocument("d", "T", "First line.\n\nSecond   line."));

        Assert.EndsWith("Article: First line. Second line.\nSummary:", prompt);
        Assert.StartsWith("Write a one-sentence summary", prompt);
    }

    [Fact]
    public void AStagePromptReplacesTitleAndDocument()
    {
        var task = new TaskConfig(SummarizationTask.TaskKey, Settings: new Dictionary<string, string> { ["prompt"] = "{title}: {document}\nTL;DR:" });

        Assert.Equal("T: Text.\nTL;DR:", SummarizationTask.PromptFor(task, new SummaryDocument("d", "T", "Text.")));
    }

    [Fact]
    public void TheDocumentsSettingTakesTheFirstOfTheSetAndZeroTakesAll()
    {
        SummaryDocument[] set = [new("a", "A", "a"), new("b", "B", "b"), new("c", "C", "c")];
        TaskConfig With(string n) => new(SummarizationTask.TaskKey, Settings: new Dictionary<string, string> { ["documents"] = n });

        Assert.Equal(["a", "b"], SummarizationTask.DocumentsFor(With("2"), set).Select(d => d.Id));
        Assert.Equal(3, SummarizationTask.DocumentsFor(With("0"), set).Count);
        Assert.Equal(3, SummarizationTask.DocumentsFor(With("9"), set).Count);
    }

    [Fact]
    public void TheStageCannotBeFinishedUntilEveryShownDocumentWasMovedOnFrom()
    {
        List<TaskEventRecord> events = [];
        string? Problem() => Task.CompletionProblem(new TaskStageRecord(Stage, events, 0));

        var before = Problem();
        events.Add(Event(SummarizationEvents.Shown, new SummarizationEvents.ShownPayload("a", 1, 2)));
        events.Add(Event(SummarizationEvents.Next, new SummarizationEvents.DocumentPayload("a")));
        var half = Problem();
        events.Add(Event(SummarizationEvents.Shown, new SummarizationEvents.ShownPayload("b", 2, 2)));
        events.Add(Event(SummarizationEvents.Next, new SummarizationEvents.DocumentPayload("b")));

        Assert.Equal("Summarise the documents before going on.", before);
        Assert.Equal("Finish all 2 documents before going on (1 done so far).", half);
        Assert.Null(Problem());
    }

    [Fact]
    public void ProgressFollowsTheStepsOfADocument()
    {
        List<TaskEventRecord> events = [];
        SummaryStep Step() => SummarizationProgress.From(events).Of("a").Step;

        var steps = new List<SummaryStep> { Step() };
        events.Add(Event(SummarizationEvents.Draft, new SummarizationEvents.DraftPayload("a", 3, "Draft.")));
        steps.Add(Step());
        events.Add(Event(SummarizationEvents.RateOriginal, new SummarizationEvents.RatingPayload("a", true, true, false)));
        steps.Add(Step());
        events.Add(Event(SummarizationEvents.Edit, new SummarizationEvents.EditPayload("a", "Snap", false)));
        steps.Add(Step()); // a snapshot is not the submitted edit
        events.Add(Event(SummarizationEvents.Edit, new SummarizationEvents.EditPayload("a", "Mine.", true)));
        steps.Add(Step());
        events.Add(Event(SummarizationEvents.RateEdited, new SummarizationEvents.RatingPayload("a", true, true, true)));
        steps.Add(Step());
        events.Add(Event(SummarizationEvents.Next, new SummarizationEvents.DocumentPayload("a")));
        steps.Add(Step());

        Assert.Equal([SummaryStep.Draft, SummaryStep.RateOriginal, SummaryStep.Edit, SummaryStep.Edit, SummaryStep.RateEdited, SummaryStep.Next, SummaryStep.Done], steps);
        Assert.Equal("Mine.", SummarizationProgress.From(events).Of("a").EditedText);
        Assert.Equal(SummaryStep.Draft, SummarizationProgress.From(events).Of("other").Step);
    }
}
