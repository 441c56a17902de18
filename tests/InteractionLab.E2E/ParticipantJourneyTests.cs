using System.Text.RegularExpressions;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
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

    // The real demo model's replies are random: all a test can know in advance is that one shows something.
    private static readonly Regex VisibleText = new(@"\S");

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
        // The real demo model streams the reply; it is held after a few pieces so the page is seen mid-stream.
        var firstHeld = platform.Hold.HoldNextReplyAfter(3);
        await participant.TypeAndSendAsync("Hi! I just moved here.");
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync(ParticipantBrowser.Normalise(await firstHeld));
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync(VisibleText);
        await Expect(participant.MessageBox).ToBeDisabledAsync();
        await participant.ScreenshotAsync("journey-3-chat-streaming");
        platform.Hold.Release();
        await participant.WaitForRepliesAsync(1);
        var secondHeld = platform.Hold.HoldNextReplyAfter(2);
        await participant.TypeAndSendAsync("What should I do on Saturday?");
        var partial = ParticipantBrowser.Normalise(await secondHeld);
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync(partial);
        await participant.ClickAsync("Stop");
        await participant.WaitForRepliesAsync(2);
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync(partial);
        await Expect(participant.Page.GetByText("You stopped this reply.")).ToBeVisibleAsync();
        await participant.ScreenshotAsync("journey-4-chat-stopped");

        // What the page shows is what was saved: the same turns, the same model text.
        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        var turns = await platform.TurnsOfAsync(session.Id);
        Assert.Equal(4, turns.Count);
        await Expect(participant.OwnMessages).ToHaveCountAsync(turns.Count(t => t.Role == TurnRole.Participant));
        var modelTurns = turns.Where(t => t.Role == TurnRole.Model).ToList();
        await participant.ExpectModelRepliesAsync(modelTurns.Select(t => t.Text));
        var stopped = modelTurns[^1];
        Assert.Equal(3, stopped.Index);
        Assert.True(stopped.StoppedByParticipant);
        Assert.Equal("stopped", stopped.FinishReason);
        Assert.Equal(partial, ParticipantBrowser.Normalise(stopped.Text)); // the partial text, as it was shown
        Assert.NotEqual("stopped", modelTurns[0].FinishReason);
        Assert.False(modelTurns[0].StoppedByParticipant);
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

        // The debrief stays with its text and code; the participant goes back to Prolific with the button.
        await participant.WaitForStageAsync("Thank you!");
        await Expect(participant.Page.Locator("[data-completion-code]")).ToHaveTextAsync("DEMO-C0MPL3TE");
        await participant.Page.GetByRole(AriaRole.Link, new() { Name = "Return to Prolific" }).ClickAsync();
        await participant.Page.WaitForURLAsync("https://app.prolific.com/submissions/complete?cc=DEMO-C0MPL3TE");

        Assert.Equal(SessionStatus.Completed, Assert.Single(await platform.SessionsOfAsync(slug, pid)).Status);
        await using var scope = platform.Scope(out var db);
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

        var held = platform.Hold.HoldNextReplyAfter(3);
        await participant.TypeAndSendAsync("Tell me more");
        var heldText = ParticipantBrowser.Normalise(await held);
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync(heldText);
        await participant.ScreenshotAsync("reload-1-mid-stream");
        await participant.Page.ReloadAsync();
        await participant.WaitUntilInteractiveAsync();

        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        await Expect(participant.OwnMessages).ToHaveTextAsync(["Hello there", "Tell me more"]);
        var firstReply = Assert.Single(await platform.TurnsOfAsync(session.Id), t => t.Role == TurnRole.Model);
        await Expect(participant.ModelReplies.First).ToHaveTextAsync(ParticipantBrowser.Normalise(firstReply.Text));
        await Expect(participant.ModelReplies.First).ToHaveTextAsync(VisibleText);
        await Expect(participant.MessageBox).ToBeDisabledAsync(); // the reply is still being generated
        await Expect(participant.ModelReplies.Last).ToHaveTextAsync(heldText); // its text so far, not an empty "typing…"
        await participant.ScreenshotAsync("reload-2-resumed-while-replying");
        platform.Hold.Release();
        await participant.WaitForRepliesAsync(2);
        var turns = await platform.TurnsOfAsync(session.Id);
        Assert.Equal(4, turns.Count);
        await participant.ExpectModelRepliesAsync(turns.Where(t => t.Role == TurnRole.Model).Select(t => t.Text));
        Assert.All(turns.Where(t => t.Role == TurnRole.Model), t => Assert.False(t.StoppedByParticipant));
        await participant.ScreenshotAsync("reload-3-reply-saved");

        var key = session.Id.ToString();
        await participant.WaitForTraceFlushAsync(key);
        Assert.Equal(0, await participant.TracePendingAsync(key));
        await using var scope = platform.Scope(out var db);
        var stored = await db.TraceEvents.Where(e => e.SessionId == session.Id && e.Origin == TraceOrigin.Client)
            .OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.ClientInstance, e.ClientSequence, e.Type, e.Payload }).ToListAsync();
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        // Each page load numbered its own events from 1, and every one of them is stored once: nothing lost or repeated.
        Assert.Equal(2, stored.Select(e => e.ClientInstance).Distinct().Count());
        Assert.All(stored.GroupBy(e => e.ClientInstance),
            page => Assert.Equal(Enumerable.Range(1, page.Count()).Select(i => (long?)i), page.Select(e => e.ClientSequence).Order()));
        Assert.Equal(2, stored.Count(e => e.Type == "page.load"));
        Assert.Equal(1, stored.Count(e => e.Type == "page.unload"));
        Assert.Equal("Hello thereeTell me more".Length, stored.Count(e => e.Type == "text.insert"));
        var delete = Assert.Single(stored, e => e.Type == "text.delete");
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(delete.Payload).RootElement.GetProperty("length").GetInt32());
        Assert.Equal(2, stored.Count(e => e.Type == "send.enter"));
    }

    [Fact]
    public async Task TheSameProlificIdCannotStartASecondSessionNorSeeAnotherSubmissionsChat()
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

        // Another browser (no cookie) with the same Prolific id but another submission: refused, and it sees
        // nothing of the first browser's chat.
        await using var other = await platform.NewParticipantAsync(width: 390, height: 844);
        await other.AgreeAsync(slug, pid, "another-submission");
        await Expect(other.Page.Locator("main")).ToContainTextAsync("You have already taken part in this study from another browser or link.");
        await Expect(other.Page.Locator("main")).Not.ToContainTextAsync("I was here first");
        await other.ScreenshotAsync("duplicate-pid-phone");

        // The same submission from another browser (the participant switched devices) asks for the resume code shown in
        // the first browser, which opens the one session.
        await first.Page.Locator("[data-resume-code] summary").ClickAsync();
        var code = (await first.Page.Locator("[data-resume-code-value]").TextContentAsync())!.Trim();
        await using var second = await platform.NewParticipantAsync();
        await second.AgreeAsync(slug, pid, "prolific-session-1");
        await Expect(second.Heading).ToHaveTextAsync("Welcome back");
        await Expect(second.Page.Locator("main")).Not.ToContainTextAsync("I was here first");
        await second.Page.GetByLabel("Resume code").FillAsync(code);
        await second.ClickAsync("Continue");
        await second.WaitUntilInteractiveAsync();
        await Expect(second.Heading).ToHaveTextAsync("Chat");
        await Expect(second.OwnMessages).ToHaveTextAsync(["I was here first\nand second"]);
        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        var reply = Assert.Single(await platform.TurnsOfAsync(session.Id), t => t.Role == TurnRole.Model);
        await second.ExpectModelRepliesAsync([reply.Text]);
        await Expect(second.ModelReplies.First).ToHaveTextAsync(VisibleText);
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
