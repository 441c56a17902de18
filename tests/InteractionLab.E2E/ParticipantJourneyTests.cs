using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>A participant's whole journey in Chromium against the real server on PostgreSQL.</summary>
public sealed class ParticipantJourneyTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private static readonly string[] LikertItems = ["talk-again", "fluency", "sensible", "specific", "enjoyment"];

    // Two messages are enough to show the flow; the demo study asks for three.
    private static StudyConfig TwoTurns(StudyConfig c) => c with
    {
        Stages = c.Stages.Select(s => s.Task is null ? s : s with { Task = s.Task with { MinTurns = 2 } }).ToList(),
    };

    private static string NewProlificPid() => Guid.NewGuid().ToString("N")[..24];

    [Fact]
    public async Task AProlificParticipantCompletesTheJourneyAndGetsTheCompletionCodeAndRedirect()
    {
        var slug = await platform.CreateStudyAsync(TwoTurns);
        var pid = NewProlificPid();
        await using var participant = await platform.NewParticipantAsync();

        await participant.ConsentAsync(slug, pid, screenshot: "journey-1-consent");
        await Expect(participant.Heading).ToHaveTextAsync("Instructions");
        await Expect(participant.Page.GetByText("Step 2 of 6")).ToBeVisibleAsync();
        await participant.ScreenshotAsync("journey-2-instructions");
        await participant.ClickAsync("Continue");

        await participant.WaitForStageAsync("Chat");
        await Expect(participant.Page.GetByRole(AriaRole.Button, new() { Name = "End conversation" })).ToBeDisabledAsync();
        platform.Model.HoldNextReplyAfter(6);
        await participant.TypeAndSendAsync("Hi! I just moved here.");
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync("That sounds lovely! A new city");
        await Expect(participant.MessageBox).ToBeDisabledAsync();
        await participant.ScreenshotAsync("journey-3-chat-streaming");
        platform.Model.Release();
        await participant.WaitForRepliesAsync(1);
        platform.Model.HoldNextReplyAfter(3);
        await participant.TypeAndSendAsync("What should I do on Saturday?");
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync("That sounds lovely!");
        await participant.ClickAsync("Stop");
        await participant.WaitForRepliesAsync(2);
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync("That sounds lovely!");
        await Expect(participant.Page.GetByText("You stopped this reply.")).ToBeVisibleAsync();
        await participant.ScreenshotAsync("journey-4-chat-stopped");
        await participant.ClickAsync("End conversation");

        await participant.WaitForStageAsync("Look back at the chatbot's replies");
        await Expect(participant.Page.Locator("fieldset.turn")).ToHaveCountAsync(2);
        await participant.Page.Locator("#mark-1-interesting").CheckAsync();
        await participant.Page.Locator("#mark-3-boring").CheckAsync();
        await participant.ScreenshotAsync("journey-5-turn-marks");
        await participant.ClickAsync("Continue");

        await participant.WaitForStageAsync("About the whole conversation");
        await participant.Page.Locator("#talk-again-4").CheckAsync();
        await participant.ClickAsync("Continue");
        await Expect(participant.Page.Locator("#fluency-error")).ToContainTextAsync("needs an answer");
        await Expect(participant.Page.Locator(".error-summary")).ToBeFocusedAsync();
        await Expect(participant.Page.Locator("#talk-again-error")).ToHaveCountAsync(0);
        await participant.ScreenshotAsync("journey-6-survey-validation");
        await participant.Page.SetViewportSizeAsync(390, 844); // the same page on a phone
        await participant.ScreenshotAsync("journey-6b-survey-phone");
        await participant.Page.SetViewportSizeAsync(1280, 900);
        foreach (var item in LikertItems) await participant.Page.Locator($"#{item}-4").CheckAsync();
        await participant.ClickAsync("Continue");

        await participant.WaitForStageAsync("Thank you!");
        await Expect(participant.Page.Locator("[data-completion-code]")).ToHaveTextAsync("DEMO-C0MPL3TE");
        await Expect(participant.Page.GetByRole(AriaRole.Link, new() { Name = "Return to Prolific" }))
            .ToHaveAttributeAsync("href", "https://app.prolific.com/submissions/complete?cc=DEMO-C0MPL3TE");
        await participant.ScreenshotAsync("journey-7-debrief");

        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        Assert.Equal(SessionStatus.Completed, session.Status);
        await using var scope = platform.Scope(out var db);
        var stopped = await db.Turns.SingleAsync(t => t.SessionId == session.Id && t.Index == 3);
        Assert.True(stopped.StoppedByParticipant);
        Assert.Equal("That sounds lovely!", stopped.Text);
        var marks = await db.SurveyResponses.Where(r => r.SessionId == session.Id && r.StageKey == "marks").ToListAsync();
        Assert.Equal(12, marks.Count); // 2 replies x 6 statements, unticked ones saved as "false"
        Assert.Equal([(1, "interesting"), (3, "boring")],
            marks.Where(m => m.Value == "true").OrderBy(m => m.TurnIndex).Select(m => (m.TurnIndex ?? -1, m.ItemKey)));
        Assert.Equal(5, await db.SurveyResponses.CountAsync(r => r.SessionId == session.Id && r.StageKey == "rating"));
    }

    [Fact]
    public async Task AReloadDuringAStreamedReplyResumesWithTheChatIntactAndLosesOrRepeatsNoTraceEvent()
    {
        var slug = await platform.CreateStudyAsync(TwoTurns);
        var pid = NewProlificPid();
        await using var participant = await platform.NewParticipantAsync();
        await participant.ConsentAsync(slug, pid);
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Chat");
        await participant.MessageBox.PressSequentiallyAsync("Hello theree");
        await participant.MessageBox.PressAsync("Backspace"); // a typo fixed: one text.delete
        await participant.MessageBox.PressAsync("Enter");
        await Expect(participant.OwnMessages).ToHaveTextAsync(["Hello there"]);
        await participant.WaitForRepliesAsync(1);

        platform.Model.HoldNextReplyAfter(4);
        await participant.TypeAndSendAsync("Tell me more");
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync("That sounds lovely! A");
        await participant.ScreenshotAsync("reload-1-mid-stream");
        await participant.Page.ReloadAsync();
        await participant.WaitUntilInteractiveAsync();

        await Expect(participant.OwnMessages).ToHaveTextAsync(["Hello there", "Tell me more"]);
        await Expect(participant.ModelReplies.First).ToHaveTextAsync(ScriptedModel.Reply);
        await Expect(participant.MessageBox).ToBeDisabledAsync(); // the reply is still being generated
        await participant.ScreenshotAsync("reload-2-resumed-while-replying");
        platform.Model.Release();
        await participant.WaitForRepliesAsync(2);
        await Expect(participant.ModelReplies).ToHaveTextAsync([ScriptedModel.Reply, ScriptedModel.Reply]);
        await participant.ScreenshotAsync("reload-3-reply-saved");

        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        var key = session.Id.ToString();
        await participant.WaitForTraceFlushAsync(key);
        var (last, pending) = await participant.TraceQueueAsync(key);
        Assert.Equal(0, pending);
        await using var scope = platform.Scope(out var db);
        var stored = await db.TraceEvents.Where(e => e.SessionId == session.Id && e.Origin == TraceOrigin.Client)
            .OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.Type, e.Payload }).ToListAsync();
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), stored.Select(e => e.Sequence));
        Assert.Equal(2, stored.Count(e => e.Type == "page.load"));
        Assert.Equal(1, stored.Count(e => e.Type == "page.unload"));
        Assert.Equal("Hello thereeTell me more".Length, stored.Count(e => e.Type == "text.insert"));
        var delete = Assert.Single(stored, e => e.Type == "text.delete");
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(delete.Payload).RootElement.GetProperty("length").GetInt32());
        Assert.Equal(2, stored.Count(e => e.Type == "send.enter"));
    }

    [Fact]
    public async Task TheSameProlificIdCannotStartASecondSession()
    {
        var slug = await platform.CreateStudyAsync(TwoTurns);
        var pid = NewProlificPid();
        await using var first = await platform.NewParticipantAsync();
        await first.ConsentAsync(slug, pid);
        await first.ClickAsync("Continue");
        await first.WaitForStageAsync("Chat");
        await first.MessageBox.PressSequentiallyAsync("I was here first");
        await first.MessageBox.PressAsync("Shift+Enter"); // a new line, not a send
        await first.TypeAndSendAsync("and second");
        await first.WaitForRepliesAsync(1);

        // Another browser (no cookie) with the same Prolific id: it is sent to the existing session, not a new one.
        await using var second = await platform.NewParticipantAsync(width: 390, height: 844);
        await second.ConsentAsync(slug, pid);

        await Expect(second.Heading).ToHaveTextAsync("Chat");
        await Expect(second.OwnMessages).ToHaveTextAsync(["I was here first\nand second"]);
        await second.ScreenshotAsync("duplicate-pid-phone");
        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        await using var scope = platform.Scope(out var db);
        Assert.Equal("I was here first\nand second", await db.Turns.Where(t => t.SessionId == session.Id && t.Index == 0).Select(t => t.Text).SingleAsync());
    }

    [Fact]
    public async Task UnknownStudiesAndMalformedLinksGetAPlainLanguagePageWithTheRightStatus()
    {
        var slug = await platform.CreateStudyAsync();
        await using var participant = await platform.NewParticipantAsync();

        var unknown = await participant.Page.GotoAsync("s/no-such-study?PROLIFIC_PID=5f1a2b3c4d5e6f708192a3b4");
        Assert.Equal(404, unknown!.Status);
        await Expect(participant.Heading).ToHaveTextAsync("This study or page is not available");
        await participant.ScreenshotAsync("error-1-unknown-study");

        var malformed = await participant.Page.GotoAsync($"s/{slug}?PROLIFIC_PID=%3Cscript%3E");
        Assert.Equal(400, malformed!.Status);
        await Expect(participant.Heading).ToHaveTextAsync("This study link is not complete");
        await Expect(participant.Page.GetByRole(AriaRole.Button, new() { Name = "I agree" })).ToHaveCountAsync(0);

        var noCookie = await participant.Page.GotoAsync($"s/{slug}/session");
        Assert.Equal(403, noCookie!.Status);
        await Expect(participant.Heading).ToHaveTextAsync("We could not find your session");
    }
}
