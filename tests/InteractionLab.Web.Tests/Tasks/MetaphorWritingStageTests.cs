using Bunit;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.MetaphorWriting;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Writing;
using InteractionLab.Web.Components.Tasks;
using InteractionLab.Web.Components.Tasks.MetaphorWriting;
using Microsoft.AspNetCore.Components;

namespace InteractionLab.Web.Tests.Tasks;

/// <summary>
/// The metaphor writing page on a preview task session with the real demo model: suggestions on Tab browsed with the
/// arrow keys, picking, the sentence list, Finish, and resuming from the stage's events. The browser's editor module is
/// bUnit's JS interop; what the component asks it to record is asserted.
/// </summary>
public sealed class MetaphorWritingStageTests : BunitContext
{
    private static readonly StageConfig Stage = new("write", StageKind.Task, "Write",
        Task: new TaskConfig(MetaphorWritingTask.TaskKey, Stimuli: MetaphorSeedFormat.DemoKey), MinSeconds: 600);

    private static readonly ConditionConfig Condition = new("a", "AI assistant", new ModelRef("local", "demo-chat"),
        new DecodingSettings(), new PromptTemplate(PromptStyle.Completion, ""));

    private readonly BunitJSModuleInterop module;
    private bool finished;

    public MetaphorWritingStageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        module = JSInterop.SetupModule(MetaphorWritingStage.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
    }

    private static PreviewTaskSession NewSession()
    {
        var format = new MetaphorSeedFormat();
        var demo = format.DemoSets[0];
        var parsed = format.Parse(demo.FileName, demo.Content);
        var content = new StimulusSetContent(demo.Key, demo.Name, format.Kind, parsed.Items!.Value, parsed.Count, true);
        return new PreviewTaskSession(Stage, Condition, new MetaphorWritingTask(), DemoModelGateway.Instance,
            (_, _) => Task.FromResult<StimulusSetContent?>(content));
    }

    private IRenderedComponent<MetaphorWritingStage> RenderStage(ITaskSession session, bool canFinish = false) =>
        Render<MetaphorWritingStage>(p => p.Add(c => c.Context,
            new TaskStageContext(session, false, canFinish, () => { finished = true; return Task.CompletedTask; }, null)));

    private void EditorHolds(string text) =>
        module.Setup<MetaphorWritingStage.EditorState?>("state").SetResult(new MetaphorWritingStage.EditorState(text, text, 7));

    private IEnumerable<string> Logged() =>
        module.Invocations.Where(i => i.Identifier == "log").Select(i => (string)i.Arguments[0]!);

    [Fact]
    public async Task TabShowsTheModelsSuggestionsWhichTheArrowKeysBrowseAndEnterInserts()
    {
        EditorHolds("Love is ");
        var session = NewSession();
        var cut = RenderStage(session);
        cut.WaitForAssertion(() => Assert.Equal("Love is a journey", cut.Find(".seed-text").TextContent));

        await cut.InvokeAsync(() => cut.Instance.RequestSuggestions());

        var options = cut.FindAll("[role=option]");
        Assert.InRange(options.Count, 1, 5);
        Assert.Equal("true", options[0].GetAttribute("aria-selected"));
        Assert.Equal(["suggestion-get", "suggestion-open"], Logged());
        Assert.Equal(5, (await session.ReadTurnsAsync()).Count); // five completions asked of the real model

        await cut.InvokeAsync(() => cut.Instance.SuggestionKey("ArrowDown"));
        var active = 1 % options.Count;
        Assert.Equal("true", cut.FindAll("[role=option]")[active].GetAttribute("aria-selected"));
        await cut.InvokeAsync(() => cut.Instance.SuggestionKey("ArrowUp"));
        Assert.Equal("true", cut.FindAll("[role=option]")[0].GetAttribute("aria-selected"));
        Assert.Contains("Suggestion 1 of", cut.Find("[role=status]").TextContent);
        var first = cut.FindAll("[role=option]")[0].TextContent;

        await cut.InvokeAsync(() => cut.Instance.SuggestionKey("Enter"));

        Assert.Empty(cut.FindAll("[role=listbox]"));
        var insert = Assert.Single(module.Invocations, i => i.Identifier == "insertSuggestion");
        Assert.Equal(first, insert.Arguments[0]);
        Assert.Equal(["suggestion-get", "suggestion-open", "suggestion-down", "suggestion-up"], Logged());
    }

    [Fact]
    public async Task EscapeClosesTheListAndLogsTheClose()
    {
        EditorHolds("Time is ");
        var cut = RenderStage(NewSession());
        cut.WaitForAssertion(() => cut.Find(".seed-text"));
        await cut.InvokeAsync(() => cut.Instance.RequestSuggestions());

        await cut.InvokeAsync(() => cut.Instance.SuggestionKey("Escape"));

        Assert.Empty(cut.FindAll("[role=listbox]"));
        Assert.Equal("suggestion-close", Logged().Last());
        Assert.DoesNotContain(module.Invocations, i => i.Identifier == "insertSuggestion");
    }

    [Fact]
    public async Task AddingASentenceSavesItListsItAndClearsTheEditor()
    {
        var session = NewSession();
        var cut = RenderStage(session);
        cut.WaitForAssertion(() => cut.Find(".seed-text"));
        EditorHolds("   ");
        cut.Find("[data-action=add-sentence]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Write a sentence in the editor first.", cut.Find("[role=alert]").TextContent));

        EditorHolds("Love is a long road with no map.");
        cut.Find("[data-action=add-sentence]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Love is a long road with no map.", cut.Find("[data-sentence] .text").TextContent));
        var saved = (await session.ReadEventsAsync()).Single(e => e.Type == MetaphorWritingTask.SentenceAdd);
        Assert.Equal(("Love is a long road with no map.", 7.0), (saved.Text("text"), saved.Number("eventNum")));
        var clear = Assert.Single(module.Invocations, i => i.Identifier == "clear");
        Assert.Equal(SentenceBlocks.EditorSubmissionReason, clear.Arguments[0]);

        cut.Find("[data-sentence] button").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-sentence]")));
        Assert.Empty(MetaphorSentences.From(await session.ReadEventsAsync()));
    }

    [Fact]
    public async Task FinishIsDisabledUntilTheMinimumTimeHasPassedAndSaysWhy()
    {
        var cut = RenderStage(NewSession(), canFinish: false);
        cut.WaitForAssertion(() => cut.Find(".seed-text"));

        Assert.True(cut.Find("[data-action=finish]").HasAttribute("disabled"));
        Assert.Contains("minimum writing time", cut.Find("#metaphor-finish-why").TextContent);

        var empty = RenderStage(NewSession(), canFinish: true);
        empty.WaitForAssertion(() => empty.Find(".seed-text"));
        Assert.False(empty.Find("[data-action=finish]").HasAttribute("disabled"));
        Assert.Contains("at least one sentence", empty.Find("#metaphor-finish-why").TextContent);
        empty.Find("[data-action=finish]").Click();
        empty.WaitForAssertion(() => Assert.Contains("at least one sentence", empty.Find("[role=alert]").TextContent));
        Assert.False(finished);

        var session = NewSession();
        await session.RecordAsync(MetaphorWritingTask.SentenceAdd, new { id = "s1", text = "Love is a bridge.", eventNum = 5 });
        var ready = RenderStage(session, canFinish: true);
        ready.WaitForAssertion(() => ready.Find("[data-sentence]"));
        ready.Find("[data-action=finish]").Click();
        ready.WaitForAssertion(() => Assert.True(finished));
    }

    [Fact]
    public async Task AReloadedPageGetsTheListAndTheSavedDraftBack()
    {
        var session = NewSession();
        await session.RecordAsync(MetaphorWritingTask.SentenceAdd, new { id = "s1", text = "Love is a bridge.", eventNum = 5 });
        await session.RecordAsync(MetaphorWritingTask.Draft, new { text = "Love is a gard", eventNum = 19 });

        var cut = RenderStage(session);

        cut.WaitForAssertion(() => Assert.Equal("Love is a bridge.", cut.Find("[data-sentence] .text").TextContent));
        cut.WaitForAssertion(() => Assert.Single(module.Invocations, i => i.Identifier == "attach"));
        var attach = module.Invocations.Single(i => i.Identifier == "attach");
        Assert.Equal(("write", "Love is a gard", 19), ((string)attach.Arguments[3]!, (string)attach.Arguments[4]!, (int)attach.Arguments[5]!));
        // The seed is recorded once, not again on the next reload.
        var again = RenderStage(session);
        again.WaitForAssertion(() => again.Find("[data-sentence]"));
        Assert.Equal(1, (await session.ReadEventsAsync()).Count(e => e.Type == MetaphorWritingTask.SeedShown));
    }

    [Fact]
    public async Task ReplayingWhatThePageRecordedGivesTheListThePageShows()
    {
        var session = NewSession();
        var cut = RenderStage(session);
        cut.WaitForAssertion(() => cut.Find(".seed-text"));
        foreach (var text in new[] { "Love is a road.", "Love is a map.", "Love is a compass." })
        {
            EditorHolds(text);
            var before = cut.FindAll("[data-sentence]").Count;
            cut.Find("[data-action=add-sentence]").Click();
            cut.WaitForAssertion(() => Assert.Equal(before + 1, cut.FindAll("[data-sentence]").Count));
        }
        cut.FindAll("[data-sentence] button")[1].Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-sentence]").Count));

        var replayed = MetaphorWritingProgress.Replay(await session.ReadEventsAsync());

        Assert.True(replayed.SeedShown);
        Assert.Equal(cut.FindAll("[data-sentence]").Select(li => (li.GetAttribute("data-sentence"), li.QuerySelector(".text")!.TextContent)),
            replayed.Sentences.Select(s => ((string?)s.Id, s.Text)));
        Assert.Equal(["Love is a road.", "Love is a compass."], replayed.Sentences.Select(s => s.Text));
    }
}
