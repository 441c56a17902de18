using InteractionLab.Domain.Tests.Fixtures;
using InteractionLab.Domain.Writing;

namespace InteractionLab.Domain.Tests.Writing;

public class CoAuthorFixtureTests
{
    private static TraceImport Import(string name)
    {
        using var reader = File.OpenText(FixtureFiles.PathOf(name));
        return CoAuthorTraceReader.Read(name, reader);
    }

    public static TheoryData<string> Sessions() => [.. FixtureFiles.CoAuthorSessions()];

    [Theory]
    [MemberData(nameof(Sessions))]
    public void ReplayMatchesTheLoggedDocumentOnEveryEvent(string name)
    {
        var import = Import(name);

        var result = TraceReplayer.Replay(import.Events);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Empty(result.Mismatches);
        Assert.Equal(import.Events[^1].CurrentDoc, result.Text);
        Assert.Equal(import.Events.Select(e => e.CurrentDoc), TraceReplayer.DocumentsAfterEachEvent(import.Events));
        Assert.All(Enumerable.Range(0, import.Events.Count),
            i => Assert.Equal(import.Events[i].CurrentDoc, TraceReplayer.DocumentAt(import.Events, i)));
    }

    [Fact]
    public void TheStorySessionParsesCompletelyAndKeepsItsExtraFields()
    {
        var import = Import("coauthor-session-story.jsonl");

        Assert.True(import.IsClean);
        Assert.Equal(15, import.EventsParsed);
        Assert.Equal("\"w01\"", import.Events[0].UnknownFields["username"]);
        Assert.Equal(new TraceDecodingSettings(5, 30, 0.9, 1, 0, 0.5), import.Events[0].Decoding);
        Assert.Equal(3, import.Events[5].CurrentSuggestions.Count);
        Assert.Equal("day, a hunter came.", import.Events[5].CurrentSuggestions[1].Trimmed);
    }

    [Fact]
    public void TheStorySessionAttributesPromptTypingTheSuggestionAndTheEditInsideIt()
    {
        var result = TraceReplayer.Replay(Import("coauthor-session-story.jsonl").Events);

        Assert.Equal("The fox lived alone. One day, a friend came. They talked.", result.Text);
        Assert.Equal(new string('P', 20) + "UUUU" + "MMMMMMMM" + "UUUUUU" + "MMMMMM" + new string('U', 13), result.MaskLetters());
    }

    [Fact]
    public void TheMetaphorSessionTreatsASelectCarryingItsOwnDeltaAsModelText()
    {
        var result = TraceReplayer.Replay(Import("coauthor-session-metaphor.jsonl").Events);

        Assert.Equal("Love is a battlefield.\nTime is a thief that takes our days.\nHope is a lamp.", result.Text);
        Assert.Equal(" a thief that  our days.", result.TextBy(Author.Model));
        Assert.Equal("\nTime istakes\nHope is a lamp.", result.TextBy(Author.User));
    }

    [Fact]
    public void TheMalformedSessionReportsItsBadLineAndStillReplays()
    {
        var import = Import("coauthor-session-malformed.jsonl");

        var error = Assert.Single(import.Errors);
        Assert.Equal(4, error.LineNumber);
        Assert.StartsWith("not valid JSON", error.Reason);
        Assert.Equal(7, import.EventsParsed);
        var result = TraceReplayer.Replay(import.Events);
        Assert.Equal("Write about rain. We ran home.", result.Text);
        Assert.Equal(new string('P', 17) + new string('M', 13), result.MaskLetters());
    }
}
