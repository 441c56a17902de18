using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks.Crossword;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E.Tasks;

/// <summary>The crossword in Chromium against the real server on PostgreSQL, with the real demo model as teammate.</summary>
public sealed class CrosswordTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private static StudyConfig WithCrossword(StudyConfig config) => config with
    {
        Stages =
        [
            .. config.Stages.Where(s => s.Key is "consent" or "instructions"),
            new StageConfig("puzzle", StageKind.Task, "Crossword", Task: new TaskConfig(CrosswordTask.TaskKey, Stimuli: "demo-crossword-mini"),
                TimeLimitSeconds: 1800),
            new StageConfig("about-puzzle", StageKind.Survey, "About the puzzle", Survey: new CrosswordTask().DefaultSurvey),
            .. config.Stages.Where(s => s.Key is "debrief"),
        ],
    };

    private static ILocator Cell(ParticipantBrowser p, int row, int col) => p.Page.Locator($"[data-row='{row}'][data-col='{col}']");

    private static ILocator Letter(ParticipantBrowser p, int row, int col) => Cell(p, row, col).Locator(".letter");

    [Fact]
    public async Task ASolverFillsSquaresAsksTheTeammateReloadsAndFindsEverythingThenGivesUpAndIsMeasured()
    {
        var slug = await platform.CreateStudyAsync(WithCrossword);
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync(1280, 800);
        await participant.ConsentAsync(slug, pid);
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Crossword");

        var board = participant.Page.Locator(".board-input");
        await Expect(participant.Page.Locator(".board")).ToBeVisibleAsync();
        await board.PressSequentiallyAsync("pla"); // focuses the grid, which starts on 1 across
        await Expect(Letter(participant, 0, 2)).ToHaveTextAsync("A");
        await Expect(Cell(participant, 0, 3)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("active"));
        await Expect(Cell(participant, 0, 1)).ToHaveAccessibleNameAsync("1 across, letter 2, L");
        await Expect(board).ToHaveAccessibleNameAsync("1 across, letter 4, empty");
        // (0,3) starts no down answer: the arrow moves past the black square below to 4 across.
        await participant.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(participant.Page.Locator("li.current[data-clue]")).ToHaveAttributeAsync("data-clue", "4-Across");
        await participant.Page.GetByRole(AriaRole.Button, new() { Name = "Check puzzle" }).ClickAsync();
        await participant.ScreenshotAsync("crossword/1-grid-checked");

        var question = participant.Page.GetByLabel("Ask about 1 across");
        await participant.Page.Locator("li[data-clue='1-Across'] button").ClickAsync();
        await question.FillAsync("Which plant has five letters?");
        await participant.ClickAsync("Ask");
        // The answer streams in a placeholder; once complete it is shown as saved (without the placeholder).
        await Expect(participant.Page.Locator(".teammate [data-role=model]:not([data-streaming]) .text")).ToHaveCountAsync(1);
        await Expect(participant.Page.Locator("[data-streaming]")).ToHaveCountAsync(0);
        await participant.ScreenshotAsync("crossword/2-teammate-answered");

        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        var turns = await platform.TurnsOfAsync(session.Id);
        Assert.Equal([TurnRole.Participant, TurnRole.Model], turns.Select(t => t.Role));
        Assert.All(turns, t => Assert.Equal(("puzzle", "1-Across"), (t.StageKey, t.ItemKey)));
        Assert.Equal("Which plant has five letters?", turns[0].Text);

        await participant.Page.ReloadAsync();
        await participant.WaitUntilInteractiveAsync();
        await Expect(Letter(participant, 0, 0)).ToHaveTextAsync("P");
        await Expect(Letter(participant, 0, 1)).ToHaveTextAsync("L");
        await Expect(Letter(participant, 0, 2)).ToHaveTextAsync("A");
        await Expect(participant.Page.Locator("li.current[data-clue]")).ToHaveAttributeAsync("data-clue", "1-Across");
        await Expect(participant.Page.Locator(".teammate [data-role=participant] .text")).ToHaveTextAsync(["Which plant has five letters?"]);
        await Expect(participant.Page.Locator(".teammate [data-role=model] .text")).ToHaveTextAsync([ParticipantBrowser.Normalise(turns[1].Text)]);
        await participant.ScreenshotAsync("crossword/3-after-reload");

        await participant.ClickAsync("Give up");
        await participant.ScreenshotAsync("crossword/4-give-up-confirm");
        await participant.ClickAsync("Yes, give up");
        await Expect(participant.Heading).ToHaveTextAsync("About the puzzle");
        await participant.ScreenshotAsync("crossword/5-survey");

        await using var scope = platform.Scope(out var db);
        var study = await db.Studies.SingleAsync(s => s.Slug == slug);
        var results = await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().ComputeAsync(study, new ResultsOptions(IncludeIncomplete: true));
        double Mean(string metric) => results.Rows.Single(r => r.Metric.Key == metric).Cells.Single(c => c.N == 1).Mean;
        // P, L, A: 3 letters of PLANT, 1 of PEARS (P) and 1 of ASPEN (A), of the demo mini's 6 × 5 answer letters.
        Assert.Equal(5.0 / 30, Mean(CrosswordMetricSource.LetterAccuracy), 6);
        Assert.Equal(0, Mean(CrosswordMetricSource.ClueAccuracy));
        Assert.Equal(0, Mean(CrosswordMetricSource.Solved));
        Assert.Equal(1, Mean(CrosswordMetricSource.Queries));
    }

    [Fact]
    public async Task OnAPhoneATappedSquareOpensTheKeyboardAndTypedTextFillsIt()
    {
        var slug = await platform.CreateStudyAsync(WithCrossword);
        await using var participant = await platform.NewPhoneParticipantAsync();
        await participant.ConsentAsync(slug, Guid.NewGuid().ToString("N")[..24]);
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Crossword");

        // A tap on a square must focus a text box (a div cannot bring up a phone's keyboard) in the same gesture.
        await Cell(participant, 2, 0).TapAsync();
        await Expect(participant.Page.Locator("input.board-input")).ToBeFocusedAsync();
        await Expect(participant.Page.Locator("input.board-input")).ToBeEditableAsync();
        await Expect(participant.Page.Locator("li.current[data-clue]")).ToHaveAttributeAsync("data-clue", "4-Across");
        // An on-screen keyboard sends text, not key presses.
        await participant.Page.Keyboard.InsertTextAsync("a");
        await Expect(Letter(participant, 2, 0)).ToHaveTextAsync("A");
        await participant.Page.Keyboard.InsertTextAsync("p");
        await Expect(Letter(participant, 2, 1)).ToHaveTextAsync("P");
        await Expect(participant.Page.Locator("input.board-input")).ToHaveValueAsync("");
        // The grid fits the phone's width: nothing scrolls sideways.
        Assert.True(await participant.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await participant.ScreenshotAsync("crossword/phone-typing");
        await Axe.AssertCleanAsync(participant.Page);
    }

    [Fact]
    public async Task RevealingThePuzzleThenFinishingIsNotSolvedAndScoresOnlyAsRevealed()
    {
        var slug = await platform.CreateStudyAsync(WithCrossword);
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync(1366, 768);
        await participant.ConsentAsync(slug, pid);
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Crossword");
        await Axe.AssertCleanAsync(participant.Page);

        await participant.Page.GetByRole(AriaRole.Button, new() { Name = "Reveal puzzle" }).ClickAsync();
        await Expect(participant.Page.Locator(".solved")).ToHaveTextAsync("Complete — 21 squares were revealed, so the puzzle does not count as solved by you.");
        await Expect(participant.Page.GetByRole(AriaRole.Button, new() { Name = "I solved it" })).ToHaveCountAsync(0);
        await participant.ScreenshotAsync("crossword/revealed-complete");
        await participant.ClickAsync("Finish");
        await Expect(participant.Heading).ToHaveTextAsync("About the puzzle");

        await using var scope = platform.Scope(out var db);
        var study = await db.Studies.SingleAsync(s => s.Slug == slug);
        var results = await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().ComputeAsync(study, new ResultsOptions(IncludeIncomplete: true));
        double Mean(string metric) => results.Rows.Single(r => r.Metric.Key == metric).Cells.Single(c => c.N == 1).Mean;
        Assert.Equal(0, Mean(CrosswordMetricSource.LetterAccuracy));
        Assert.Equal(0, Mean(CrosswordMetricSource.ClueAccuracy));
        Assert.Equal(0, Mean(CrosswordMetricSource.Solved));
        Assert.Equal(1, Mean(CrosswordMetricSource.RevealedLetters));
        Assert.Equal(1, Mean(CrosswordMetricSource.RevealedClues));
    }
}
