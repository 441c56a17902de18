using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.MetaphorWriting;
using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Writing;
using static InteractionLab.Api.Tests.MetaphorWriting.WritingEvents;

namespace InteractionLab.Api.Tests.MetaphorWriting;

/// <summary>The editor's payloads become CoAuthor events that replay and measure like an imported trace.</summary>
public sealed class WritingTraceTests
{
    [Fact]
    public void AJsInsertPayloadBecomesACoAuthorEventWithDeltaCursorAndSource()
    {
        var e = WritingTrace.ToDomain([Insert(3, "road", "api")]).Single();

        Assert.Equal(CoAuthorEventNames.TextInsert, e.EventName);
        Assert.Equal(EventSource.Api, e.Source);
        Assert.Equal(1700000000000, e.TimestampMs);
        Assert.Equal([DeltaOp.Retain(3), DeltaOp.Insert("road")], e.Delta!.Ops);
        Assert.Equal(new CursorRange(0, 0), e.CurrentCursor);
        Assert.Equal("\"write\"", e.UnknownFields["stage"]);
    }

    [Fact]
    public void SuggestionPayloadsKeepTheShownSuggestionsIndexAndDecodingSettings()
    {
        var events = WritingTrace.ToDomain([Get(), Select(1, "a bridge", "a long road")]);

        Assert.Equal(new TraceDecodingSettings(N: 5, MaxTokens: 30, Temperature: 0.9), events[0].Decoding);
        Assert.Equal(CoAuthorEventNames.SuggestionSelect, events[1].EventName);
        Assert.Equal(1, events[1].CurrentSuggestionIndex);
        Assert.Equal(["a bridge", "a long road"], events[1].CurrentSuggestions.Select(s => s.Original));
        Assert.Equal("AI assistant", events[1].CurrentSuggestions[1].Model);
    }

    [Fact]
    public void AnImportedLineKeepsItsOwnEventNameAndABrokenPayloadIsLeftOut()
    {
        var events = WritingTrace.ToDomain(
        [
            new StoredWritingEvent("text-insert", """{"eventName":"text-insert","eventSource":"user","textDelta":{"ops":[{"insert":"Hi"}]}}""", null),
            new StoredWritingEvent("writing.text-insert", "not json", null),
            new StoredWritingEvent("writing.text-insert", "[1,2]", null),
        ]);

        Assert.Equal("Hi", TraceReplayer.Replay([Assert.Single(events)]).Text);
    }

    [Fact]
    public void ReplayOfAHandMadeSessionRebuildsTheDocumentWithWhoWroteEachCharacter()
    {
        var events = WritingTrace.ToDomain(TimeCrawls());

        var replay = TraceReplayer.Replay(events);

        Assert.True(replay.Succeeded);
        Assert.Equal("Time crawls.", replay.Text);
        Assert.Equal("MMMMMUUUUUUU", replay.MaskLetters());
        // Before the participant's edit the whole suggestion was the model's.
        Assert.Equal("MMMMMMMMMM", TraceReplayer.ReplayThrough(events, 4).MaskLetters());
    }

    [Fact]
    public void AMaskMarksThePromptUserAndModelTextInTheOrderTheyAppear()
    {
        var events = WritingTrace.ToDomain(
        [
            Js("system-initialize", "\"currentDoc\":\"Seed: \"", "api"), Insert(6, "my "), Insert(9, "idea", "api"), Insert(6, ">"),
        ]);

        var replay = TraceReplayer.Replay(events);

        Assert.Equal("Seed: >my idea", replay.Text);
        Assert.Equal("PPPPPPUUUUMMMM", replay.MaskLetters());
    }

    [Fact]
    public void OurEditorsSentenceIsTheTextTheAddButtonTookAndItsBlockEndsThere()
    {
        var rows = WritingSentenceMetrics.FromTrace(WritingTrace.ToDomain(LoveIsAJourney()));

        // Worked out in WritingEvents.LoveIsAJourney.
        var row = Assert.Single(rows);
        Assert.Equal(new SentenceMetrics(0, 0.0, 0.12, 1, 8, 100, "a long road", "Love is a long road.", 3, 9, 0, 7), row);
    }

    [Fact]
    public void TextNeverAddedToTheListIsNoSentence()
    {
        Assert.Empty(WritingSentenceMetrics.FromTrace(WritingTrace.ToDomain(TimeCrawls())));
    }

    [Fact]
    public void TheListIsAddsMinusRemovesAndTheDraftIsTheNewestSavedText()
    {
        TaskEventRecord E(long seq, string type, object payload) =>
            new(seq, type, DateTimeOffset.UnixEpoch, System.Text.Json.JsonSerializer.SerializeToElement(payload, TaskEventLog.Json));
        var events = new[]
        {
            E(1, MetaphorWritingTask.Draft, new { text = "Lo", eventNum = 3 }),
            E(2, MetaphorWritingTask.SentenceAdd, new { id = "a", text = "Love is a road.", eventNum = 9 }),
            E(3, MetaphorWritingTask.SentenceAdd, new { id = "b", text = "Love is a map.", eventNum = 20 }),
            E(4, MetaphorWritingTask.SentenceRemove, new { id = "a" }),
            E(5, MetaphorWritingTask.Draft, new { text = "Lo", eventNum = 12 }),
        };

        Assert.Equal(["Love is a map."], MetaphorSentences.From(events).Select(s => s.Text));
        Assert.Equal(("", 21), MetaphorSentences.LastDraft(events));
        var task = new MetaphorWritingTask();
        var stage = new Domain.Studies.StageConfig("write", Domain.Studies.StageKind.Task, "Write", Task: new("metaphor-writing"));
        Assert.Null(task.CompletionProblem(new TaskStageRecord(stage, events, 0)));
        Assert.Contains("at least one sentence", task.CompletionProblem(new TaskStageRecord(stage, events[..1], 0)));
    }
}
