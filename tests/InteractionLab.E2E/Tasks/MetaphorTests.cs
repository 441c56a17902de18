using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tasks.MetaphorWriting;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using InteractionLab.Domain.Writing;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E.Tasks;

/// <summary>
/// The metaphor writing task in Chromium against the real server, PostgreSQL and the real demo model: typing, Tab for
/// five suggestions, picking one with the keyboard, editing, adding the sentence, a reload mid-sentence, Finish; then the
/// stored keystroke trace replays to what was on screen and the writing metrics are computed from it.
/// </summary>
public sealed class MetaphorTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string Title = "Write about a metaphor";

    private static StudyConfig MetaphorStudy(StudyConfig c) => c with
    {
        Stages =
        [
            .. c.Stages.Where(s => s.Kind is StageKind.Consent or StageKind.Instructions),
            new StageConfig("write", StageKind.Task, Title, Task: new TaskConfig(MetaphorWritingTask.TaskKey, Stimuli: MetaphorSeedFormat.DemoKey), MinSeconds: 4),
            .. c.Stages.Where(s => s.Kind == StageKind.Debrief),
        ],
    };

    private static string Shot(string name) => "metaphor/" + name;

    [Fact]
    public async Task AParticipantWritesWithSuggestionsSurvivesAReloadAndTheTraceReplaysToTheirText()
    {
        Directory.CreateDirectory(Path.Combine(Artifacts.Screenshots, "metaphor"));
        var slug = await platform.CreateStudyAsync(MetaphorStudy);
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync(1280, 800);
        var page = participant.Page;
        var editor = page.GetByLabel("Write a sentence that expresses this metaphor");

        await participant.ConsentAsync(slug, pid);
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync(Title);
        await Expect(page.Locator(".seed-text")).ToHaveTextAsync("Love is a journey");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Finish" })).ToBeDisabledAsync();

        await editor.ClickAsync();
        await editor.PressSequentiallyAsync("Love is ");
        await editor.PressAsync("Tab");
        var options = page.GetByRole(AriaRole.Option);
        await Expect(options.First).ToBeVisibleAsync();
        await Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(editor).ToBeFocusedAsync(); // the list is browsed from the editor
        await participant.ScreenshotAsync(Shot("1-suggestions"));
        var shown = await options.AllTextContentsAsync();
        var pickIndex = shown.Count > 1 ? 1 : 0;
        if (pickIndex == 1) await editor.PressAsync("ArrowDown");
        await Expect(options.Nth(pickIndex)).ToHaveAttributeAsync("aria-selected", "true");
        await editor.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
        var afterPick = await editor.InputValueAsync();
        Assert.StartsWith("Love is ", afterPick);
        Assert.Contains(shown[pickIndex].Trim(), afterPick);

        await editor.PressAsync("End");
        await editor.PressSequentiallyAsync(" ok.");
        var sentence = (await editor.InputValueAsync()).Trim();
        await participant.ClickAsync("Add sentence to my list");
        await Expect(page.Locator("[data-sentence] .text")).ToHaveTextAsync(ParticipantBrowser.Normalise(sentence));
        await Expect(editor).ToHaveValueAsync("");
        await editor.PressSequentiallyAsync("A trip with");
        await participant.ScreenshotAsync(Shot("2-sentence-added"));

        await page.ReloadAsync();
        await participant.WaitUntilInteractiveAsync();
        await Expect(participant.Heading).ToHaveTextAsync(Title);
        await Expect(editor).ToHaveValueAsync("A trip with");
        await Expect(page.Locator("[data-sentence] .text")).ToHaveTextAsync(ParticipantBrowser.Normalise(sentence));
        await editor.ClickAsync();
        await editor.PressAsync("End");
        await editor.PressSequentiallyAsync("out maps");
        await participant.ScreenshotAsync(Shot("3-after-reload"));

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Finish" })).ToBeEnabledAsync();
        await participant.ClickAsync("Finish");
        // The debrief shows and, once the trace is saved, hands over to Prolific (below).

        var session = (await platform.SessionsOfAsync(slug, pid)).Single();
        await participant.ReturnToProlificAsync();
        await using var scope = platform.Scope(out var db);
        var rows = await db.TraceEvents.AsNoTracking()
            .Where(e => e.SessionId == session.Id && e.Origin == TraceOrigin.Client && e.Type.StartsWith(WritingTrace.Prefix))
            .OrderBy(e => e.Sequence).Select(e => new StoredWritingEvent(e.Type, e.Payload, e.ClientTimeMs)).ToListAsync();
        var trace = WritingTrace.ToDomain(rows);
        Assert.Equal(rows.Count, trace.Count);
        var replay = TraceReplayer.Replay(trace);
        Assert.True(replay.Succeeded, replay.Error?.Message);
        Assert.Equal("A trip without maps", replay.Text);
        // Just before the editor was cleared, the replayed document was the sentence on the list, partly the model's.
        var cleared = trace.ToList().FindIndex(e => e.UnknownFields.TryGetValue("reason", out var r) && r == "\"sentence-add\"");
        var atAdd = TraceReplayer.ReplayThrough(trace, cleared - 1);
        Assert.Equal(sentence, atAdd.Text.Trim());
        Assert.Contains('M', atAdd.MaskLetters());
        Assert.Contains('U', atAdd.MaskLetters());
        Assert.All(trace.Skip(1), e => Assert.Equal("\"write\"", e.UnknownFields["stage"]));

        // Tab asked the real model for five completions, stored as model turns of the stage.
        var turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == session.Id && t.StageKey == "write").ToListAsync();
        Assert.Equal([0, 1, 2, 3, 4], turns.Where(t => t.Role == TurnRole.Model).Select(t => t.ChoiceIndex ?? -1).Order());

        var results = await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().GetAsync(
            new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new(System.Security.Claims.ClaimTypes.Name, "e2e"), new(System.Security.Claims.ClaimTypes.Role, StaffRoles.Admin)], "test")),
            session.StudyId, new ResultsOptions());
        double Mean(string metric) => results.Rows.Single(r => r.Metric.Key == metric).Cells.Single(c => c.Condition == session.ConditionKey).Mean;
        // One sentence, its block from system-initialize to "Add sentence": one Tab, one list, one pick.
        Assert.Equal(1, Mean(MetaphorWritingMetricSource.Sentences));
        Assert.Equal(1, Mean(MetaphorWritingMetricSource.Queries));
        Assert.Equal(100, Mean(MetaphorWritingMetricSource.Acceptance));
        Assert.True(Mean(MetaphorWritingMetricSource.EditCharacters) >= 8, "\"Love is \" and \" ok.\" were added around the suggestion");
        Assert.True(Mean(MetaphorWritingMetricSource.EditTokens) >= 2, "\"Love\", \"is\" and \"ok.\" were added around the suggestion");

        await ShowReplayToAnAdminAsync(session.StudyId, session.Id, sentence);
    }

    private async Task ShowReplayToAnAdminAsync(Guid studyId, SessionId session, string sentence)
    {
        const string password = "Metaphor-replay-1!";
        await platform.CreateStaffAsync("replay-admin", StaffRoles.Admin, password);
        await using var admin = await platform.NewStaffBrowserAsync(1280, 800);
        await admin.SignInAsync("replay-admin", password);
        await admin.Page.GotoAsync($"admin/studies/{studyId}/sessions/{session}");
        // The slider has an input handler once the circuit is up; the prerendered page is replaced at that moment.
        await admin.WaitUntilInteractiveAsync("#writing-scrubber");
        await Expect(admin.Page.Locator("[data-writing=document]")).ToContainTextAsync("A trip without maps");
        // The sentence on the list is shown as it was when added (the editor was emptied after it).
        await Expect(admin.Page.Locator("[data-writing=added] li")).ToHaveCountAsync(1);
        await Expect(admin.Page.Locator("[data-writing=added] [data-author=Model]")).ToHaveCountAsync(1);
        // The per-sentence table shows the same sentence as the list.
        await Expect(admin.Page.Locator("[data-writing=sentences] tbody tr")).ToHaveCountAsync(1);
        await Expect(admin.Page.Locator("[data-writing=sentences] tbody tr td.text").Nth(1)).ToHaveTextAsync(ParticipantBrowser.Normalise(sentence));
        await admin.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "metaphor", "4-writing-replay.png"), FullPage = true });
    }
}
