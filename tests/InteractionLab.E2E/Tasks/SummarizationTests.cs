using System.Security.Claims;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tasks.Summarization;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using InteractionLab.E2E.Infrastructure;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E.Tasks;

/// <summary>The summarization task in Chromium against the real server, the real demo model and PostgreSQL.</summary>
public sealed class SummarizationTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    // Consent, instructions, two demo documents to summarise, the task's own survey, debrief.
    private static StudyConfig Summaries(StudyConfig c) => c with
    {
        Stages = c.Stages.Where(s => s.Key != "marks").Select(s => s.Key switch
        {
            "chat" => new StageConfig("summarize", StageKind.Task, "Summaries",
                Task: new TaskConfig(SummarizationTask.TaskKey, Settings: new Dictionary<string, string> { ["documents"] = "2" }, Stimuli: "demo-summarization-news")),
            "rating" => s with { Title = "About the summaries", Survey = new SummarizationTask().DefaultSurvey },
            _ => s,
        }).ToList(),
    };

    private static ILocator Step(ParticipantBrowser p, string step) => p.Page.Locator($".summarization[data-step={step}]");

    private static async Task RateAsync(ParticipantBrowser p, string version, string button)
    {
        foreach (var criterion in new[] { "consistent", "coherent", "relevant" }) await p.Page.Locator($"#{version}-{criterion}-0").CheckAsync();
        await p.ClickAsync(button);
    }

    // The snapshot of the edit box is saved once typing pauses; the test waits for that row, not for a time.
    private Task WaitForSnapshotAsync(SessionId session, string text) =>
        Poll.UntilAsync(async () =>
        {
            await using var scope = platform.Scope(out var db);
            return await db.TraceEvents.AsNoTracking()
                .Where(e => e.SessionId == session && e.Type == SummarizationEvents.Edit).Select(e => e.Payload).ToListAsync();
        }, edits => edits.Any(p => p.Contains(text, StringComparison.Ordinal)), TimeSpan.FromSeconds(20), $"an edit snapshot holding '{text}'");

    // The server moves the session on when the stage is finished; the page follows.
    private Task WaitForStageIndexAsync(SessionId session, int stage) =>
        Poll.UntilAsync(async () =>
        {
            await using var scope = platform.Scope(out var db);
            return await db.Sessions.Where(s => s.Id == session).Select(s => s.StageIndex).SingleAsync();
        }, index => index >= stage, TimeSpan.FromSeconds(30), $"the session at stage {stage}");

    [Fact]
    public async Task AParticipantRatesEditsAndRatesEachDraftResumesAfterAReloadAndTheMetricsAreComputed()
    {
        var slug = await platform.CreateStudyAsync(Summaries);
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync(1280, 800);
        await participant.ConsentAsync(slug, pid);
        // The real model's draft is held after a few pieces, so the page is seen while it streams in.
        var held = platform.Hold.HoldNextReplyAfter(3);
        await participant.ClickAsync("Continue");

        await participant.WaitForStageAsync("Summaries");
        var partial = ParticipantBrowser.Normalise(await held);
        await Expect(participant.Page.Locator("[data-draft][data-streaming=true]")).ToContainTextAsync(partial);
        await Expect(participant.Page.GetByRole(AriaRole.Button, new() { Name = "Save rating" })).ToHaveCountAsync(0);
        await participant.ScreenshotAsync("summarization/0-draft-streaming");
        platform.Hold.Release();
        await Expect(participant.Page.GetByText("Document 1 of 2")).ToBeVisibleAsync();
        await Expect(Step(participant, "rateoriginal")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid)).Id;
        var draft = Assert.Single(await platform.TurnsOfAsync(session), t => t.Role == TurnRole.Model);
        Assert.Equal("summarize", draft.StageKey);
        Assert.Equal("harbour-ferry", draft.ItemKey);
        if (draft.Text.Length > 0) await Expect(participant.Page.Locator("[data-draft]")).ToHaveTextAsync(ParticipantBrowser.Normalise(draft.Text));
        await participant.ScreenshotAsync("summarization/1-draft-to-rate");

        // Rating cannot be skipped.
        await participant.ClickAsync("Save rating");
        await Expect(participant.Page.GetByText("Answer all three questions before going on.")).ToBeVisibleAsync();
        await Expect(Step(participant, "rateoriginal")).ToBeVisibleAsync();
        await participant.ScreenshotAsync("summarization/2-rating-missing");
        await RateAsync(participant, "original", "Save rating");

        // Edit, then reload mid-edit: the same document and step come back with the text typed so far.
        await Expect(Step(participant, "edit")).ToBeVisibleAsync();
        var box = participant.Page.GetByLabel("Edit the summary");
        await Expect(box).ToHaveValueAsync(draft.Text);
        await box.FillAsync("");
        await box.PressSequentiallyAsync("The ferry to Tarn Island runs again.");
        await participant.ScreenshotAsync("summarization/3-edit");
        await WaitForSnapshotAsync(session, "The ferry to Tarn Island runs again.");
        await participant.Page.ReloadAsync();
        await participant.WaitUntilInteractiveAsync();
        await Expect(Step(participant, "edit")).ToBeVisibleAsync();
        await Expect(participant.Page.GetByText("Document 1 of 2")).ToBeVisibleAsync();
        await Expect(participant.Page.GetByLabel("Edit the summary")).ToHaveValueAsync("The ferry to Tarn Island runs again.");
        Assert.Single(await platform.TurnsOfAsync(session)); // the draft was read back, not generated again
        await participant.ScreenshotAsync("summarization/4-after-reload");
        await participant.Page.GetByLabel("Edit the summary").PressSequentiallyAsync(" Six crossings a day.");
        await participant.ClickAsync("Done editing");

        await Expect(Step(participant, "rateedited")).ToBeVisibleAsync();
        await Expect(participant.Page.Locator("[data-edited]")).ToHaveTextAsync("The ferry to Tarn Island runs again. Six crossings a day.");
        await participant.ScreenshotAsync("summarization/5-rate-edited");
        await RateAsync(participant, "edited", "Next document");

        // The second document; the last rating finishes the stage.
        await Expect(participant.Page.GetByText("Document 2 of 2")).ToBeVisibleAsync();
        await Expect(Step(participant, "rateoriginal")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await RateAsync(participant, "original", "Save rating");
        await participant.Page.GetByLabel("Edit the summary").FillAsync("Harwick's library opens until nine on weekdays.");
        await participant.ClickAsync("Done editing");
        await RateAsync(participant, "edited", "Finish");
        await WaitForStageIndexAsync(session, 3);
        await Expect(participant.Heading).ToHaveTextAsync("About the summaries");
        await participant.ScreenshotAsync("summarization/6-next-stage");

        // What was stored, and the metrics the results page derives from it.
        var turns = await platform.TurnsOfAsync(session);
        Assert.Equal(["harbour-ferry", "library-hours"], turns.Select(t => t.ItemKey));
        var expected = SummarizationMetrics.Compute(
        [
            new SummaryEdit("harbour-ferry", turns[0].Text, "The ferry to Tarn Island runs again. Six crossings a day.", 0, 0),
            new SummaryEdit("library-hours", turns[1].Text, "Harwick's library opens until nine on weekdays.", 0, 0),
        ]);
        await using var scope = platform.Scope(out var db);
        var studyId = await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
        var owner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "e2e"), new Claim(ClaimTypes.Role, StaffRoles.Researcher)], "test"));
        var results = await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().GetAsync(owner, studyId, new ResultsOptions(IncludeIncomplete: true));
        double Mean(string metric) => results.Rows.Single(r => r.Metric.Key == metric).Cells.Single(c => c.N == 1).Mean;
        Assert.Equal(2, Mean(SummarizationMetricSource.Documents));
        Assert.Equal(expected.MeanCharacterDistance!.Value, Mean(SummarizationMetricSource.CharacterDistance), 6);
        Assert.Equal(1, Mean(SummarizationMetricSource.Rating("edited", "relevant")));
        Assert.True(Mean(SummarizationMetricSource.EditingSeconds) > 0);
        var stored = await db.TraceEvents.AsNoTracking().Where(e => e.SessionId == session && e.Origin == TraceOrigin.Server && e.StageKey == "summarize")
            .CountAsync(e => e.Type == SummarizationEvents.Next);
        Assert.Equal(2, stored);
    }
}
