using InteractionLab.Domain.Writing;
using static InteractionLab.Domain.Tests.Writing.TraceEvents;

namespace InteractionLab.Domain.Tests.Writing;

public class TraceReplayerTests
{
    [Fact]
    public void SystemInitializeSetsThePromptAuthoredAsPrompt()
    {
        var result = TraceReplayer.Replay([Init("Hi.")]);

        Assert.Equal("Hi.", result.Text);
        Assert.Equal("PPP", result.MaskLetters());
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void UserTypingAppendsUserText()
    {
        var result = TraceReplayer.Replay([Init("Hi."), Type(R(3), I(" Yo")), Type(R(6), I("!"))]);

        Assert.Equal("Hi. Yo!", result.Text);
        Assert.Equal("PPPUUUU", result.MaskLetters());
    }

    [Fact]
    public void ASuggestionSelectThenAUserEditKeepsModelAndUserCharactersApart()
    {
        // "Hi." + model " big cat." then the user replaces "big" with "fat".
        var result = TraceReplayer.Replay(
        [
            Init("Hi."), Select(R(3), I(" big cat.")), Delete(R(4), D(3)), Type(R(4), I("fat")),
        ]);

        Assert.Equal("Hi. fat cat.", result.Text);
        Assert.Equal("PPPMUUUMMMMM", result.MaskLetters());
        Assert.Equal("fat", result.TextBy(Author.User));
        Assert.Equal("  cat.", result.TextBy(Author.Model));
    }

    [Fact]
    public void ApiTextInsertAfterASelectWithoutDeltaIsModelText()
    {
        var result = TraceReplayer.Replay([Init("A"), Select(), ApiInsert(R(1), I("BC"))]);

        Assert.Equal("PMM", result.MaskLetters());
    }

    [Fact]
    public void TypingInTheMiddleOfModelTextSplitsItsMask()
    {
        var result = TraceReplayer.Replay([Init(""), ApiInsert(I("abcd")), Type(R(2), I("XY"))]);

        Assert.Equal("abXYcd", result.Text);
        Assert.Equal("MMUUMM", result.MaskLetters());
    }

    [Fact]
    public void ADeleteAcrossAuthorsRemovesEachAuthorsCharacters()
    {
        // P P P | U U | M M M, then delete from inside the prompt to inside the model text.
        var result = TraceReplayer.Replay(
            [Init("abc"), Type(R(3), I("de")), ApiInsert(R(5), I("fgh")), Delete(R(2), D(4))]);

        Assert.Equal("abgh", result.Text);
        Assert.Equal("PPMM", result.MaskLetters());
        Assert.Equal(new[] { 0, 0, 2, 2 }, result.Origins.Select(o => o.EventIndex));
    }

    [Fact]
    public void AReplaceInOneDeltaDeletesThenInserts()
    {
        var result = TraceReplayer.Replay([Init("cat"), Type(D(1), I("b"))]);

        Assert.Equal("bat", result.Text);
        Assert.Equal("UPP", result.MaskLetters());
    }

    [Fact]
    public void GivesTheDocumentAtAnyEvent()
    {
        TraceEvent[] events = [Init("a"), Type(R(1), I("b")), Type(R(2), I("c")), Delete(D(1))];

        Assert.Equal(new[] { "a", "ab", "abc", "bc" }, Enumerable.Range(0, 4).Select(i => TraceReplayer.DocumentAt(events, i)));
        Assert.Equal("", TraceReplayer.ReplayThrough(events, -1).Text);
    }

    [Fact]
    public void ListsTheDocumentAfterEachEventInOnePassUpToAFailingEvent()
    {
        TraceEvent[] events = [Init("a"), Type(R(1), I("b")), Delete(R(5), D(1)), Type(I("z"))];

        Assert.Equal(new[] { "a", "ab" }, TraceReplayer.DocumentsAfterEachEvent(events));
    }

    [Fact]
    public void ARetainPastTheEndStopsReplayNamingTheEventNumber()
    {
        TraceEvent[] events = [Init("abc"), Type(R(3), I("d")) with { EventNum = 7, LineNumber = 8 }, Type(R(10), I("x")) with { EventNum = 8, LineNumber = 9 }];

        var result = TraceReplayer.Replay(events);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Error!.EventIndex);
        Assert.Equal(8, result.Error.EventNum);
        Assert.Equal("event 8 (line 9): retain 10 at position 0 goes past the end of the document (length 4)", result.Error.Message);
        Assert.Equal("abcd", result.Text);
        Assert.Equal(2, result.EventsApplied);
    }

    [Fact]
    public void ADeletePastTheEndIsAReplayErrorAndChangesNothing()
    {
        var result = TraceReplayer.Replay([Init("abc"), Delete(R(1), D(1), R(1), D(5))]);

        Assert.Equal("abc", result.Text);
        Assert.Equal("event #1: delete 5 at position 2 goes past the end of the document (length 2)", result.Error!.Message);
    }

    [Fact]
    public void ReportsEventsWhoseLoggedDocumentDisagreesWithTheReplay()
    {
        var result = TraceReplayer.Replay(
            [Init("ab"), Type(R(2), I("c")) with { CurrentDoc = "abc" }, Type(R(3), I("d")) with { CurrentDoc = "abXd", EventNum = 5 }]);

        var mismatch = Assert.Single(result.Mismatches);
        Assert.Equal(new DocumentMismatch(2, 5, 2), mismatch);
        var shorter = TraceReplayer.Replay([Init("ab") with { CurrentDoc = "ab" }, Type(R(2), I("c")) with { CurrentDoc = "ab" }]);
        Assert.Equal(new DocumentMismatch(1, null, 2), Assert.Single(shorter.Mismatches));
    }

    [Fact]
    public void SystemInitializeWithoutCurrentDocFallsBackToItsDelta()
    {
        var init = Init("") with { CurrentDoc = null, Delta = TextDelta.Of(I("Prompt")) };

        var result = TraceReplayer.Replay([init, Type(R(6), I("!"))]);

        Assert.Equal("Prompt!", result.Text);
        Assert.Equal("PPPPPPU", result.MaskLetters());
    }

    [Fact]
    public void ReplaysALongSessionWithoutSlowingToAQuadraticCrawl()
    {
        // 20,000 keystrokes into a growing document: linear-per-op replay finishes well within a second.
        var events = new List<TraceEvent> { Init("") };
        for (var i = 0; i < 20_000; i++)
        {
            events.Add(i % 10 == 9 ? Delete(R(i / 2), D(1)) : Type(R(i / 2), I("x")));
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = TraceReplayer.Replay(events);

        Assert.True(result.Succeeded);
        Assert.Equal(16_000, result.Text.Length);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
