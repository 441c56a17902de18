using Bunit;
using InteractionLab.Api.Tasks.MetaphorWriting;
using InteractionLab.Domain.Writing;
using InteractionLab.Web.Components.Admin.Replay;

namespace InteractionLab.Web.Tests.Tasks;

/// <summary>The researcher's writing replay on a hand-made trace: document per event, authorship marks, legend.</summary>
public sealed class WritingReplayTests : BunitContext
{
    private static StoredWritingEvent E(string name, string fields) => new("writing." + name, "{" + fields + "}", 1700000000000);

    private static readonly StoredWritingEvent[] Written =
    [
        E("system-initialize", "\"eventSource\":\"api\",\"currentDoc\":\"\""),
        E("text-insert", "\"eventSource\":\"user\",\"textDelta\":{\"ops\":[{\"insert\":\"Time is \"}]}"),
        E("suggestion-get", "\"eventSource\":\"user\""),
        E("suggestion-open", "\"eventSource\":\"api\",\"currentSuggestions\":[{\"original\":\"a river\"}]"),
        E("suggestion-select", "\"eventSource\":\"user\",\"currentSuggestionIndex\":0"),
        E("text-insert", "\"eventSource\":\"api\",\"textDelta\":{\"ops\":[{\"retain\":8},{\"insert\":\"a river\"}]}"),
        E("text-insert", "\"eventSource\":\"user\",\"textDelta\":{\"ops\":[{\"retain\":15},{\"insert\":\".\"}]}"),
    ];

    private IRenderedComponent<WritingReplay> RenderReplay(IReadOnlyList<StoredWritingEvent> events) =>
        Render<WritingReplay>(p => p.Add(c => c.StudyId, Guid.NewGuid()).Add(c => c.Session, InteractionLab.Domain.SessionId.New())
            .Add(c => c.Events, WritingTrace.ToDomain(events)));

    private static string Text(AngleSharp.Dom.IElement element) =>
        string.Concat(element.QuerySelectorAll("[data-author]").Select(s => s.TextContent));

    [Fact]
    public void TheFinalDocumentShowsWhoWroteEachPart()
    {
        var cut = RenderReplay(Written);

        var runs = cut.FindAll("[data-writing=document] [data-author]").Select(s => (s.GetAttribute("data-author"), s.TextContent)).ToList();
        Assert.Equal([("User", "Time is "), ("Model", "a river"), ("User", ".")], runs);
        Assert.Equal("Time is a river.", Text(cut.Find("[data-writing=document]")));
        Assert.Equal("7 events · 1 suggestion request · 1 list shown · 1 picked · 0 sentences submitted",
            string.Join(' ', cut.Find("[data-writing=summary]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(cut.FindAll("[data-writing=sentences]"));
        // The legend names each author and its underline, so the mask does not rely on colour.
        Assert.Equal(["Prompt dotted underline", "Participant no underline", "Model thick solid underline"],
            cut.FindAll(".writing-legend li").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public void TheSliderShowsTheDocumentAtThatEvent()
    {
        var cut = RenderReplay(Written);

        cut.Find("#writing-scrubber").Input("4");

        Assert.Equal("Time is ", Text(cut.Find("[data-writing=document]")));
        Assert.Equal("suggestion-select", cut.Find("[data-writing=event]").TextContent);
        cut.Find("#writing-scrubber").Input("0");
        Assert.Contains("empty at this point", cut.Find("[data-writing=document]").TextContent);
    }

    [Fact]
    public void EachSentenceAddedToTheListIsShownWithItsAuthorshipAfterTheEditorWasCleared()
    {
        var cut = RenderReplay(
        [
            .. Written,
            E("text-delete", "\"eventSource\":\"api\",\"reason\":\"sentence-add\",\"textDelta\":{\"ops\":[{\"delete\":16}]}"),
            E("text-insert", "\"eventSource\":\"user\",\"textDelta\":{\"ops\":[{\"insert\":\"Next\"}]}"),
        ]);

        Assert.Equal("Next", Text(cut.Find("[data-writing=document]")));
        var added = Assert.Single(cut.FindAll("[data-writing=added] li"));
        Assert.Equal("Time is a river.", Text(added));
        Assert.Equal("a river", added.QuerySelector("[data-author=Model]")!.TextContent);
    }

    [Fact]
    public void ThePerSentenceTableShowsHaliesNumbersAndShowJumpsToTheSentenceBeforeTheEditorWasEmptied()
    {
        var cut = RenderReplay(
        [
            .. Written,
            E("text-delete", "\"eventSource\":\"api\",\"reason\":\"sentence-add\",\"textDelta\":{\"ops\":[{\"delete\":16}]}"),
            E("text-insert", "\"eventSource\":\"user\",\"textDelta\":{\"ops\":[{\"insert\":\"Next\"}]}"),
        ]);

        // One block, events 0–7 (all at the same time stamp: 0.0 min); 1 query, 1 list, 1 pick → 100; "a river" →
        // "Time is a river.": tokens [a, river] → [Time, is, a, river.] = 3, characters "Time is " + "." = 9.
        var row = Assert.Single(cut.FindAll("[data-writing=sentences] tbody tr"));
        Assert.Equal(["0", "0.0", "0.0", "1", "8", "100", "a river", "Time is a river.", "3", "9", "Show"],
            row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal(["order_id", "norm_order_id", "elapsed_time", "num_queries", "num_events", "acceptance", "model_completion", "final_sentence", "edit_model_final_token", "edit_model_final_char"],
            cut.FindAll("[data-writing=sentences] thead th").Take(10).Select(th => th.TextContent));

        row.QuerySelector("button")!.Click();

        Assert.Equal("Time is a river.", Text(cut.Find("[data-writing=document]")));
        Assert.Equal("6", cut.Find("#writing-scrubber").GetAttribute("value"));
    }
}
