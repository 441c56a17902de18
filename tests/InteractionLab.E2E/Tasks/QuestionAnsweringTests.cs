using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Tasks.QuestionAnswering;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E.Tasks;

/// <summary>The question-answering task in Chromium against the real server on PostgreSQL and the real demo model.</summary>
public sealed class QuestionAnsweringTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    // The demo questions in file order (item order fixed), the choice this participant makes and whether it is right.
    private static readonly (string Item, string Choice)[] Choices =
    [
        ("planet", "b"), ("water", "a"), ("spider", "b"), ("ocean", "a"), ("element", "c"), ("triangle", "a"),
        ("colour-check", "c"), ("continent", "b"), ("bones", "b"), ("light", "a"), ("prime", "c"),
    ];

    // Consent → 11 questions (the assistant on the first two) → debrief.
    private static StudyConfig QuestionsStudy(StudyConfig c) => c with
    {
        Conditions = c.Conditions.Select(x => x with { ParticipantLabel = "AI assistant" }).ToList(),
        Stages =
        [
            c.Stages[0],
            new StageConfig("qa", StageKind.Task, "Questions", Task: new TaskConfig(QuestionAnsweringTask.TaskKey,
                Settings: new Dictionary<string, string> { [QaPlan.OrderSetting] = QaPlan.AssistedFirst, [QaPlan.AssistedCountSetting] = "2" },
                Stimuli: QaStimulusFormat.DemoKey)),
            c.Stages[^1],
        ],
    };

    private static string Shot(string name) => "question-answering/" + name;

    private static ILocator QuestionTitle(ParticipantBrowser p) => p.Page.Locator(".question h2");
    private static ILocator Query(ParticipantBrowser p) => p.Page.Locator("#qa-query");
    private static ILocator Replies(ParticipantBrowser p) => p.Page.Locator(".exchange .reply[data-role=model]");

    private static async Task AskAsync(ParticipantBrowser p, string query, int repliesAfter)
    {
        await Expect(Query(p)).ToBeEnabledAsync();
        await Query(p).PressSequentiallyAsync(query);
        await Query(p).PressAsync("Enter");
        await Expect(p.Page.Locator("[data-streaming]")).ToHaveCountAsync(0);
        await Expect(Replies(p)).ToHaveCountAsync(repliesAfter);
        await Expect(Query(p)).ToBeEnabledAsync();
    }

    private static async Task AnswerAsync(ParticipantBrowser p, int index, bool next = true)
    {
        await Expect(QuestionTitle(p)).ToHaveTextAsync($"Question {index + 1} of 11");
        await p.Page.Locator($"input[data-choice={Choices[index].Choice}]").CheckAsync();
        if (next) await p.ClickAsync("Next question");
    }

    private async Task<InteractionLab.Api.Data.Session> WaitForStageIndexAsync(string slug, string pid, int stageIndex)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
            if (session.StageIndex == stageIndex || DateTime.UtcNow > deadline) return session;
            await Task.Yield();
        }
    }

    [Fact]
    public async Task AParticipantAnswersAsksTheAssistantReloadsResumesOnTheSameQuestionAndFinishesAndTheMetricsAreComputed()
    {
        var slug = await platform.CreateStudyAsync(QuestionsStudy);
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync(1280, 800);
        await participant.ConsentAsync(slug, pid);
        await Expect(participant.Heading).ToHaveTextAsync("Questions"); // the first step after consent: nothing to move focus from

        // Question 1, assisted: a query, the streamed reply, an answer.
        await Expect(participant.Page.Locator("[data-assistant]")).ToHaveAttributeAsync("data-assistant", "on");
        await Expect(participant.Page.GetByRole(AriaRole.Button, new() { Name = "Next question" })).ToBeDisabledAsync();
        await participant.ScreenshotAsync(Shot("qa-1-assisted-question"));
        await AskAsync(participant, "Which planet orbits nearest the Sun?", 1);
        await AnswerAsync(participant, 0, next: false);
        await participant.ScreenshotAsync(Shot("qa-2-reply-and-answer"));
        await participant.ClickAsync("Next question");
        await Expect(QuestionTitle(participant)).ToBeFocusedAsync();

        // Question 2, assisted: a query and an answer, then the page is reloaded.
        await Expect(Replies(participant)).ToHaveCountAsync(0); // question 1's exchange stays with question 1
        await AskAsync(participant, "At what temperature does water boil?", 1);
        await AnswerAsync(participant, 1, next: false);
        await participant.Page.ReloadAsync();
        await participant.WaitUntilInteractiveAsync();

        await Expect(QuestionTitle(participant)).ToHaveTextAsync("Question 2 of 11");
        await Expect(participant.Page.Locator("input[data-choice=a]")).ToBeCheckedAsync();
        await Expect(participant.Page.Locator(".exchange .query .text")).ToHaveTextAsync(["At what temperature does water boil?"]);
        await Expect(Replies(participant)).ToHaveCountAsync(1);
        await participant.ScreenshotAsync(Shot("qa-3-resumed-after-reload"));
        await participant.ClickAsync("Next question");

        // Question 3 onwards without the assistant.
        await Expect(participant.Page.Locator("[data-assistant]")).ToHaveAttributeAsync("data-assistant", "off");
        await Expect(Query(participant)).ToBeDisabledAsync();
        await participant.ScreenshotAsync(Shot("qa-4-unassisted-question"));
        for (var i = 2; i < 10; i++) await AnswerAsync(participant, i);
        await AnswerAsync(participant, 10, next: false);
        await participant.ScreenshotAsync(Shot("qa-5-last-question"));
        await participant.ClickAsync("Finish");

        // The server ends the stage once every question has an answer, and the page moves on by itself.
        // The debrief shows the code once the trace is saved; the participant goes back to Prolific with its button.
        await participant.ReturnToProlificAsync();
        var session = await WaitForStageIndexAsync(slug, pid, 2);

        // What was stored, and the metrics the results page shows.
        var turns = await platform.TurnsOfAsync(session.Id);
        Assert.Equal([("planet", TurnRole.Participant), ("planet", TurnRole.Model), ("water", TurnRole.Participant), ("water", TurnRole.Model)],
            turns.Select(t => (t.ItemKey, t.Role)));
        Assert.All(turns, t => Assert.Equal("qa", t.StageKey));
        await using var scope = platform.Scope(out var db);
        var types = await db.TraceEvents.Where(e => e.SessionId == session.Id && e.Origin == TraceOrigin.Server && e.StageKey == "qa")
            .Select(e => e.Type).ToListAsync();
        Assert.Equal(11, types.Count(t => t == QuestionAnsweringTask.Shown)); // the reload showed no question twice
        Assert.Equal(11, types.Count(t => t == QuestionAnsweringTask.Next));
        Assert.Equal(11, types.Count(t => t == QuestionAnsweringTask.Answer));
        Assert.Equal(2, types.Count(t => t == QuestionAnsweringTask.Query));
        Assert.Equal(2, types.Count(t => t == QuestionAnsweringTask.ReplyShown));

        var study = await db.Studies.SingleAsync(s => s.Slug == slug);
        var results = await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().ComputeAsync(study, new ResultsOptions(IncludeIncomplete: true));
        double Metric(string key) => Assert.Single(results.Rows.Single(r => r.Metric.Key == key).Cells, c => c.N == 1).Mean;
        Assert.Equal(0.5, Metric(QuestionAnsweringMetricSource.AccuracyWithLm), 6);      // planet right, water wrong
        Assert.Equal(5.0 / 8, Metric(QuestionAnsweringMetricSource.AccuracyWithoutLm), 6); // spider, element, continent, bones, prime
        Assert.Equal(1.0, Metric(QuestionAnsweringMetricSource.QueriesPerAssistedQuestion), 6);
        Assert.Equal(1.0, Metric(QuestionAnsweringMetricSource.AttentionCheckPassed), 6);
        Assert.InRange(Metric(QuestionAnsweringMetricSource.SecondsPerQuestion), 0.001, 600);
    }

    [Fact]
    public async Task AReloadWhileTheAssistantAnswersShowsTheAnswerGrowingThenStoredAndCountsTheQueryOnce()
    {
        var slug = await platform.CreateStudyAsync(QuestionsStudy);
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync(1366, 768);
        await participant.ConsentAsync(slug, pid);
        await Expect(QuestionTitle(participant)).ToHaveTextAsync("Question 1 of 11");

        var held = platform.Hold.HoldNextReplyAfter(3);
        await Query(participant).PressSequentiallyAsync("Which planet orbits nearest the Sun?");
        await Query(participant).PressAsync("Enter");
        var partial = ParticipantBrowser.Normalise(await held);
        await participant.Page.ReloadAsync();
        await participant.WaitUntilInteractiveAsync();

        // The answer goes on on the server: the reloaded page shows it as far as it came, not "No answer was received".
        await Expect(participant.Page.Locator(".exchange .query .text")).ToHaveTextAsync(["Which planet orbits nearest the Sun?"]);
        await Expect(participant.Page.Locator(".reply[data-streaming=true] .text")).ToHaveTextAsync(partial);
        await Expect(participant.Page.Locator(".reply.missing")).ToHaveCountAsync(0);
        await participant.ScreenshotBothSizesAsync(Shot("qa-reload-1-answer-resumed"));
        platform.Hold.Release();

        await Expect(participant.Page.Locator("[data-streaming]")).ToHaveCountAsync(0);
        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        var reply = Assert.Single(await platform.TurnsOfAsync(session.Id), t => t.Role == TurnRole.Model);
        await Expect(participant.Page.Locator(".exchange .reply[data-role=model] .text")).ToHaveTextAsync([ParticipantBrowser.Normalise(reply.Text)]);
        await participant.ScreenshotBothSizesAsync(Shot("qa-reload-2-answer-stored"));
        await using var scope = platform.Scope(out var db);
        var events = await db.TraceEvents.Where(e => e.SessionId == session.Id && e.Origin == TraceOrigin.Server && e.StageKey == "qa")
            .Select(e => new { e.Type, e.Payload }).ToListAsync();
        Assert.Single(events, e => e.Type == QuestionAnsweringTask.Query);
        var shown = Assert.Single(events, e => e.Type == QuestionAnsweringTask.ReplyShown);
        Assert.Equal(reply.Index, System.Text.Json.JsonDocument.Parse(shown.Payload).RootElement.GetProperty("turn").GetInt32());
    }
}
