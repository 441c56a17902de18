using InteractionLab.Domain.Tests.Fixtures;
using InteractionLab.Domain.Tests.Metrics;
using InteractionLab.Domain.Writing;
using static InteractionLab.Domain.Tests.Writing.TraceEvents;

namespace InteractionLab.Domain.Tests.Writing;

public class TraceCheckTests
{
    private static IReadOnlyList<TraceEvent> Halie(string name) =>
        CoAuthorTraceReader.ReadText(name, File.ReadAllText(FixtureFiles.PathOf($"halie/{name}.jsonl"))).Events;

    [Fact]
    public void AHalieLogMatchesItsLoggedDocumentAndEverySubmittedAndRemovedSentence()
    {
        var result = TraceCheck.Run(Halie(WritingSentenceMetricsTests.LifeSession));

        Assert.Equal(TraceCheckOutcome.Match, result.Outcome);
        Assert.Null(result.EventIndex);
        // CoAuthor logs currentDoc only at system-initialize: 1 document; 3 sentences added + 1 removed.
        Assert.Equal(1, result.DocumentsChecked);
        Assert.Equal(4, result.SentencesChecked);
    }

    [Fact]
    public void ALogWithACorruptedInsertIsAMismatchAtTheSentenceItSpoils()
    {
        // corrupted.jsonl is the "life" log with line 10's typed text changed ("sprint." → "sprnt."). Its only logged
        // document (line 1) still matches, which is all the old check looked at; the sentence of line 16 is no longer
        // in the replayed document.
        var result = TraceCheck.Run(Halie("corrupted"));

        Assert.Equal(TraceCheckOutcome.Mismatch, result.Outcome);
        Assert.Equal(15, result.EventIndex);
        Assert.Contains("Life is a marathon, not a sprint.", result.Reason);
    }

    [Fact]
    public void EveryLoggedDocumentIsComparedNotOnlyTheLast()
    {
        // Event 1 logs a wrong document; event 2 logs the right one again. The first disagreement is named.
        var result = TraceCheck.Run(
        [
            Init("Hi."),
            Type(R(3), I(" Yo.")) with { CurrentDoc = "Hi. No." },
            Type(R(7), I("!")) with { CurrentDoc = "Hi. Yo.!" },
        ]);

        Assert.Equal(TraceCheckOutcome.Mismatch, result.Outcome);
        Assert.Equal(1, result.EventIndex);
        Assert.Contains("at character 4", result.Reason);
    }

    [Fact]
    public void AnEditThatDoesNotFitIsAnErrorAtItsEvent()
    {
        var result = TraceCheck.Run([Init("ab"), Type(R(1), I("x")), Delete(R(9), D(1))]);

        Assert.Equal(TraceCheckOutcome.Error, result.Outcome);
        Assert.Equal(2, result.EventIndex);
        Assert.StartsWith("replay stopped: retain 9", result.Reason);
    }

    [Fact]
    public void RemovingASentenceThatWasNeverAddedIsAMismatch()
    {
        TraceEvent Sentence(string name, string text) => new() { EventName = name, Source = EventSource.User, DeltaText = text };

        var result = TraceCheck.Run([Init("A cat."), Sentence("template-add", "A cat."), Sentence("template-delete", "A dog.")]);

        Assert.Equal(TraceCheckOutcome.Mismatch, result.Outcome);
        Assert.Equal(2, result.EventIndex);
        Assert.Contains("never added", result.Reason);
    }

    [Fact]
    public void ATraceWithNothingLoggedIsNotChecked()
    {
        Assert.Equal(TraceCheckOutcome.NotChecked, TraceCheck.Run([Type(I("a"))]).Outcome);
    }
}
