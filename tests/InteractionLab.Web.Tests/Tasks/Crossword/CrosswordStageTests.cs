using Bunit;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Crossword;
using InteractionLab.Domain.Studies;
using InteractionLab.Web.Components.Tasks;
using InteractionLab.Web.Components.Tasks.Crossword;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InteractionLab.Web.Tests.Tasks.Crossword;

/// <summary>
/// The crossword page on the builder's in-memory task session with the demo mini (what the platform serves):
/// <code>
/// P L A N T
/// E # S # H
/// A P P L E
/// R # E # M
/// S I N C E
/// </code>
/// </summary>
public sealed class CrosswordStageTests : BunitContext
{
    private readonly List<string> finished = [];

    public CrosswordStageTests()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static PreviewTaskSession NewSession(IReadOnlyDictionary<string, string>? settings = null)
    {
        var stage = new StageConfig("puzzle", StageKind.Task, "Crossword",
            Task: new TaskConfig(CrosswordTask.TaskKey, Settings: settings, Stimuli: "demo-crossword-mini"), TimeLimitSeconds: 1800);
        var condition = new ConditionConfig("a", "Teammate", new ModelRef("local", "demo-chat"), new DecodingSettings(), new PromptTemplate(PromptStyle.Chat, "Help."));
        var format = new CrosswordPuzzleFormat();
        var demo = format.DemoSets[0];
        var parsed = format.Parse(demo.FileName, demo.Content);
        var content = new StimulusSetContent(demo.Key, demo.Name, format.Kind, parsed.Items!.Value, parsed.Count, true);
        // The real gateway, never called here: asking the teammate is exercised in the browser tests.
        var services = new ServiceCollection().AddHttpClient().AddDataProtection().Services.BuildServiceProvider();
        var registry = new ChatClientRegistry([], Options.Create(new LanguageModelOptions()), services.GetRequiredService<IHttpClientFactory>(),
            NoDatabase.Contexts, new ModelEndpointKeys(services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System);
        return new PreviewTaskSession(stage, condition, new CrosswordTask(), new LanguageModelGateway(registry, TimeProvider.System),
            (key, _) => Task.FromResult<StimulusSetContent?>(key == demo.Key ? content : null));
    }

    private IRenderedComponent<CrosswordStage> Render(ITaskSession session, bool canFinish = true)
    {
        var cut = Render<CrosswordStage>(p => p.Add(x => x.Context, new TaskStageContext(session, false, canFinish, async () =>
        {
            finished.Add(string.Join(",", (await session.ReadEventsAsync()).Select(e => e.Type)));
        }, null)));
        cut.WaitForElement(".board-input");
        return cut;
    }

    private static void Press(IRenderedComponent<CrosswordStage> cut, string key) => cut.Find(".board-input").KeyDown(new KeyboardEventArgs { Key = key });

    private static string Label(IRenderedComponent<CrosswordStage> cut, int row, int col) =>
        cut.Find($"[data-row='{row}'][data-col='{col}'] .visually-hidden").TextContent;

    private static string Letter(IRenderedComponent<CrosswordStage> cut, int row, int col) =>
        cut.Find($"[data-row='{row}'][data-col='{col}'] .letter").TextContent;

    private static string Active(IRenderedComponent<CrosswordStage> cut)
    {
        var cell = cut.Find(".cell.active");
        return $"{cell.GetAttribute("data-row")},{cell.GetAttribute("data-col")}";
    }

    private static IReadOnlyList<TaskEventRecord> Events(ITaskSession session, string type) =>
        session.ReadEventsAsync().Result.Where(e => e.Type == type).ToList();

    [Fact]
    public void TheFirstVisitRecordsWhichPuzzleWasShownAndStartsOnOneAcross()
    {
        var session = NewSession();
        var cut = Render(session);

        Assert.Equal("Orchard mini", cut.Find("h2.title").TextContent);
        Assert.Equal("0,0", Active(cut));
        Assert.Equal("1-Across", cut.Find("li.current").GetAttribute("data-clue"));
        Assert.Equal("1 across, letter 1, empty", Label(cut, 0, 0));
        Assert.Equal("1 across, letter 1, empty", cut.Find(".board-input").GetAttribute("aria-label"));
        var start = Assert.Single(Events(session, CrosswordEvents.Start)).As<CrosswordStartPayload>()!;
        Assert.Equal((0, "Orchard mini"), (start.Puzzle, start.Title));
    }

    [Fact]
    public void TypingFillsTheSquareRecordsItAndAdvancesAlongTheAnswer()
    {
        var session = NewSession();
        var cut = Render(session);

        Press(cut, "p");
        Press(cut, "l");

        Assert.Equal("P", Letter(cut, 0, 0));
        Assert.Equal("L", Letter(cut, 0, 1));
        Assert.Equal("0,2", Active(cut));
        Assert.Equal("1 across, letter 2, L", Label(cut, 0, 1));
        Assert.Equal([new CrosswordCellPayload(0, 0, "P"), new CrosswordCellPayload(0, 1, "L")],
            Events(session, CrosswordEvents.Cell).Select(e => e.As<CrosswordCellPayload>()));
    }

    [Fact]
    public void BackspaceOnAnEmptySquareGoesBackAndErasesThePreviousLetter()
    {
        var session = NewSession();
        var cut = Render(session);
        Press(cut, "P"); Press(cut, "L");

        Press(cut, "Backspace");

        Assert.Equal("0,1", Active(cut));
        Assert.Equal("", Letter(cut, 0, 1));
        Assert.Equal("P", Letter(cut, 0, 0));
        Assert.Equal(new CrosswordCellPayload(0, 1, ""), Events(session, CrosswordEvents.Cell)[^1].As<CrosswordCellPayload>());
    }

    [Fact]
    public void ArrowsTurnToTheirDirectionThenMoveSkippingBlackSquares()
    {
        var session = NewSession();
        var cut = Render(session);

        Press(cut, "ArrowDown"); // turns to 1 down without moving
        Assert.Equal("0,0", Active(cut));
        Assert.Equal("1-Down", cut.Find("li.current").GetAttribute("data-clue"));
        Press(cut, "ArrowDown");
        Assert.Equal("1,0", Active(cut));

        Press(cut, "ArrowRight"); // row 2 has no across answer here: nothing to turn to, so it moves past the black square
        Assert.Equal("1,2", Active(cut));
        Assert.Equal("2-Down", cut.Find("li.current").GetAttribute("data-clue"));
        Assert.Equal(["1-Down", "2-Down"], Events(session, CrosswordEvents.Select).Select(e => e.As<CrosswordSelectPayload>()!.Clue));
    }

    [Fact]
    public void ClickingAClueHighlightsItsAnswerAndClickingTheActiveSquareTogglesDirection()
    {
        var session = NewSession();
        var cut = Render(session);

        cut.Find("li[data-clue='3-Down'] button").Click();

        Assert.Equal("3-Down", cut.Find("li.current").GetAttribute("data-clue"));
        Assert.Equal("true", cut.Find("li[data-clue='3-Down'] button").GetAttribute("aria-current"));
        Assert.Equal("0,4", Active(cut));
        Assert.Equal(4, cut.FindAll(".cell.in-word").Count); // the rest of THEME
        Assert.Contains("3 down", cut.Find("[data-current-clue]").TextContent);

        cut.Find("[data-row='2'][data-col='4']").Click(); // moves within 3 down
        cut.Find("[data-row='2'][data-col='4']").Click(); // the active square: turns to 4 across
        Assert.Equal("4-Across", cut.Find("li.current").GetAttribute("data-clue"));
        Assert.Equal(["3-Down", "4-Across"], Events(session, CrosswordEvents.Select).Select(e => e.As<CrosswordSelectPayload>()!.Clue));
    }

    [Fact]
    public void CheckingAWordStrikesThroughItsWrongLettersOnly()
    {
        var session = NewSession();
        var cut = Render(session);
        Press(cut, "Q"); Press(cut, "L"); Press(cut, "Z");

        cut.Find("button[aria-label='Check word']").Click();

        Assert.Equal(["0,0", "0,2"], cut.FindAll(".cell.wrong").Select(c => $"{c.GetAttribute("data-row")},{c.GetAttribute("data-col")}"));
        Assert.EndsWith(", wrong", Label(cut, 0, 0));
        var check = Assert.Single(Events(session, CrosswordEvents.Check)).As<CrosswordScopePayload>()!;
        Assert.Equal((CrosswordEvents.WordScope, "1-Across"), (check.Scope, check.Clue));
        Assert.Equal([new CrosswordCellRef(0, 0), new CrosswordCellRef(0, 2)], check.WrongCells);

        Press(cut, "A"); // (0,3) — then correct the first square
        cut.Find("[data-row='0'][data-col='0']").Click();
        Press(cut, "P");
        Assert.Equal(["0,2"], cut.FindAll(".cell.wrong").Select(c => $"{c.GetAttribute("data-row")},{c.GetAttribute("data-col")}"));
    }

    [Fact]
    public void AReloadRebuildsTheGridTheMarksAndTheSelectedClueFromTheEvents()
    {
        var session = NewSession();
        var first = Render(session);
        Press(first, "X");
        first.Find("[data-row='0'][data-col='0']").Click();
        first.Find("button[aria-label='Check square']").Click();
        first.Find("li[data-clue='2-Down'] button").Click();
        Press(first, "A"); Press(first, "S");
        first.Find("li[data-clue='5-Across'] button").Click();
        first.Find("button[aria-label='Reveal word']").Click();

        var cut = Render(session); // a fresh component on the same session: what a reload gets

        Assert.Equal("X", Letter(cut, 0, 0));
        Assert.Contains("wrong", cut.Find("[data-row='0'][data-col='0']").ClassList);
        Assert.Equal(("A", "S"), (Letter(cut, 0, 2), Letter(cut, 1, 2)));
        Assert.Equal("SINCE", string.Concat(Enumerable.Range(0, 5).Select(c => Letter(cut, 4, c))));
        Assert.Contains("revealed", cut.Find("[data-row='4'][data-col='1']").ClassList);
        Assert.Equal("5-Across", cut.Find("li.current").GetAttribute("data-clue"));
        Assert.Single(Events(session, CrosswordEvents.Start));
    }

    [Fact]
    public void TextFromAnOnScreenKeyboardFillsTheSquareAsAKeyWould()
    {
        var session = NewSession();
        var cut = Render(session);

        cut.Find(".board-input").Input("p"); // a phone keyboard sends input, not a usable key
        cut.Find(".board-input").Input("Pl"); // a second letter before the box was emptied: only the new one counts

        Assert.Equal(("P", "L"), (Letter(cut, 0, 0), Letter(cut, 0, 1)));
        Assert.Equal("0,2", Active(cut));
        Assert.Equal(2, Events(session, CrosswordEvents.Cell).Count);
    }

    [Fact]
    public void ASolvedPuzzleSaysSoAndISolvedItFinishesTheStage()
    {
        var session = NewSession();
        var cut = Render(session);
        foreach (var (clue, word) in new[] { ("1-Across", "PLANT"), ("4-Across", "APPLE"), ("5-Across", "SINCE") })
        {
            cut.Find($"li[data-clue='{clue}'] button").Click();
            foreach (var letter in word) Press(cut, letter.ToString());
        }
        // The squares between the across answers: E, R of PEARS; S, E of ASPEN; H, M of THEME.
        // A clue starts on its first empty square; typing moves on one square, an arrow one more.
        foreach (var (clue, first, second) in new[] { ("1-Down", "E", "R"), ("2-Down", "S", "E"), ("3-Down", "H", "M") })
        {
            cut.Find($"li[data-clue='{clue}'] button").Click();
            Press(cut, first); Press(cut, "ArrowDown"); Press(cut, second);
        }

        Assert.Equal(0, Assert.Single(Events(session, CrosswordEvents.Solved)).As<CrosswordSolvedPayload>()!.RevealedCells);
        Assert.Equal("Solved — every square is right.", cut.Find(".solved").TextContent);
        cut.FindAll("button").Single(b => b.TextContent == "I solved it").Click();
        Assert.Single(finished);
    }

    [Fact]
    public void RevealingThePuzzleCompletesItButNotAsSolvedByTheParticipant()
    {
        var session = NewSession();
        var cut = Render(session);
        Assert.True(cut.FindAll("button").Single(b => b.TextContent == "I solved it").HasAttribute("disabled"));

        cut.Find("button[aria-label='Reveal puzzle']").Click();

        Assert.Equal(21, Assert.Single(Events(session, CrosswordEvents.Solved)).As<CrosswordSolvedPayload>()!.RevealedCells);
        Assert.Equal("Complete — 21 squares were revealed, so the puzzle does not count as solved by you.", cut.Find(".solved").TextContent);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent == "I solved it");
        cut.FindAll("button").Single(b => b.TextContent == "Finish").Click();
        Assert.Single(finished);
    }

    [Fact]
    public void GivingUpAsksFirstThenRecordsTheGiveUpBeforeFinishing()
    {
        var session = NewSession();
        var cut = Render(session);

        cut.FindAll("button").Single(b => b.TextContent == "Give up").Click();
        Assert.Empty(finished);
        cut.FindAll("button").Single(b => b.TextContent == "Keep solving").Click();
        Assert.Empty(Events(session, CrosswordEvents.GiveUp));
        cut.FindAll("button").Single(b => b.TextContent == "Give up").Click();
        cut.FindAll("button").Single(b => b.TextContent == "Yes, give up").Click();

        var types = Assert.Single(finished);
        Assert.EndsWith(CrosswordEvents.GiveUp, types); // saved before the stage was asked to end
    }

    [Fact]
    public void ResetEmptiesTheGridAfterConfirming()
    {
        var session = NewSession();
        var cut = Render(session);
        Press(cut, "P");

        cut.FindAll("button").Single(b => b.TextContent == "Reset").Click();
        cut.FindAll("button").Single(b => b.TextContent == "Yes, empty the grid").Click();

        Assert.Equal("", Letter(cut, 0, 0));
        Assert.Single(Events(session, CrosswordEvents.Reset));
    }

    [Fact]
    public void CheckAndRevealAreOfferedOnlyWhenTheStageAllowsThem()
    {
        var cut = Render(NewSession(new Dictionary<string, string> { ["allow-check"] = "false", ["allow-reveal"] = "no" }));

        Assert.Empty(cut.FindAll("[role=group]"));
        Assert.NotEmpty(cut.FindAll(".board"));
    }

    [Fact]
    public void BeforeTheMinimumTimeNeitherWayOutIsOpen()
    {
        var cut = Render(NewSession(), canFinish: false);

        Assert.True(cut.FindAll("button").Single(b => b.TextContent == "Give up").HasAttribute("disabled"));
        Assert.Contains("minimum time", cut.Find(".hint").TextContent);
    }
}
