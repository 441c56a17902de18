using InteractionLab.Api.Tasks.MetaphorWriting;
using InteractionLab.Domain;
using InteractionLab.Domain.Storage;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using InteractionLab.Domain.Writing;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// The browser trace logger (<c>trace-logger.js</c>) in Chromium against the real hub and PostgreSQL: two tabs of one
/// session each number their own events and the server stores every one once; an emoji replaced in the metaphor
/// editor stays whole in the trace, and half an emoji that does reach the logger is stored in a safe form without
/// holding up anything after it, so the participant still gets to Prolific.
/// </summary>
public sealed class TraceLoggerTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string WritingTitle = "Write about a metaphor";

    // Waits until the page's logger has every event of the session acknowledged (the same module the page loaded).
    private static Task<bool> FlushAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => import('/js/trace-logger.js').then(m => m.flush(15000))");

    private static Task<string> InstanceAsync(IPage page) =>
        page.EvaluateAsync<string>("() => import('/js/trace-logger.js').then(m => m.instanceId())");

    private sealed record StoredEvent(long Sequence, Guid? Instance, long? ClientSequence, string Type, string Payload, string? Issue, string? Original);

    private async Task<List<StoredEvent>> ClientEventsAsync(SessionId session)
    {
        await using var scope = platform.Scope(out var db);
        return await db.TraceEvents.AsNoTracking().Where(e => e.SessionId == session && e.Origin == TraceOrigin.Client)
            .OrderBy(e => e.Sequence)
            .Select(e => new StoredEvent(e.Sequence, e.ClientInstance, e.ClientSequence, e.Type, e.Payload, e.PayloadIssue, e.OriginalPayload))
            .ToListAsync();
    }

    // Every page's numbers 1..n are each stored once, and the session's own numbers run 1..N without a gap.
    private static void AssertEveryPagesEventsStoredOnce(IReadOnlyList<StoredEvent> stored)
    {
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        Assert.All(stored.GroupBy(e => e.Instance),
            page => Assert.Equal(Enumerable.Range(1, page.Count()).Select(i => (long?)i), page.Select(e => e.ClientSequence).Order()));
    }

    [Fact]
    public async Task TwoTabsOfOneSessionEachNumberTheirOwnEventsAndTheServerStoresEveryOneOnce()
    {
        var slug = await platform.CreateStudyAsync();
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync();
        await participant.ConsentAsync(slug, pid);
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Chat");
        var second = await participant.OpenTabAsync();
        await second.GotoAsync(participant.Page.Url); // the session page, as a second tab of the same browser
        await Expect(second.Locator(".session[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(second.Locator("main h1")).ToHaveTextAsync("Chat");
        // Each page's logger starts once its circuit is up; keys typed before that are not traced.
        await second.WaitForFunctionAsync("() => import('/js/trace-logger.js').then(m => m.instanceId() !== null)");

        // Both tabs type at once: their loggers share the browser's storage and the session, never a number.
        var box = second.GetByLabel("Your message");
        await Task.WhenAll(participant.MessageBox.PressSequentiallyAsync("typed in the first tab"), box.PressSequentiallyAsync("and in the second"));
        await participant.ScreenshotAsync("trace-two-tabs-first");
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, "trace-two-tabs-second.png"), FullPage = true });
        Assert.True(await FlushAsync(participant.Page));
        Assert.True(await FlushAsync(second));

        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        var stored = await ClientEventsAsync(session.Id);
        AssertEveryPagesEventsStoredOnce(stored);
        var first = Guid.Parse(await InstanceAsync(participant.Page));
        var other = Guid.Parse(await InstanceAsync(second));
        Assert.Equal("typed in the first tab".Length, stored.Count(e => e.Instance == first && e.Type == "text.insert"));
        Assert.Equal("and in the second".Length, stored.Count(e => e.Instance == other && e.Type == "text.insert"));
        Assert.Equal(0, await participant.TracePendingAsync(session.Id.ToString()));
    }

    [Fact]
    public async Task AnEmojiReplacedInTheEditorStaysWholeAndHalfAnEmojiIsStoredSafelyWithoutHoldingUpTheRest()
    {
        var slug = await platform.CreateStudyAsync(c => c with
        {
            Stages =
            [
                .. c.Stages.Where(s => s.Kind is StageKind.Consent or StageKind.Instructions),
                new StageConfig("write", StageKind.Task, WritingTitle, Task: new TaskConfig(MetaphorWritingTask.TaskKey, Stimuli: MetaphorSeedFormat.DemoKey)),
                .. c.Stages.Where(s => s.Kind == StageKind.Debrief),
            ],
        });
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync(1366, 768);
        var page = participant.Page;
        var editor = page.GetByLabel("Write a sentence that expresses this metaphor");
        await participant.ConsentAsync(slug, pid);
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync(WritingTitle);
        // The editor's script has taken over the box once it keeps its draft in localStorage; keys before that are not traced.
        await page.WaitForFunctionAsync("() => Object.keys(localStorage).some(k => k.startsWith('il.metaphor.'))");
        await editor.ClickAsync();
        await editor.PressSequentiallyAsync("Love is a road");
        await participant.ClickAsync("Add sentence to my list");
        await Expect(page.Locator("[data-sentence] .text")).ToHaveTextAsync("Love is a road");

        // 😀 becomes 😃: both begin with the same UTF-16 unit, and the edit must not record only the second one.
        await editor.PressSequentiallyAsync("I \U0001F600");
        await editor.PressAsync("Shift+ArrowLeft");
        await editor.PressSequentiallyAsync("\U0001F603");
        await Expect(editor).ToHaveValueAsync("I \U0001F603");
        // Half an emoji does reach the logger (a broken paste, an input method): the second half of 😃 alone.
        await editor.EvaluateAsync("el => { el.setRangeText('\\uDE03', el.value.length, el.value.length, 'end'); el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await editor.PressSequentiallyAsync(" after");
        await participant.ScreenshotAsync("trace-metaphor-emoji");
        await participant.ClickAsync("Finish");

        // The trace gets through (nothing is stuck behind the broken event), so the code and the way back appear.
        await participant.ReturnToProlificAsync();
        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        var stored = await ClientEventsAsync(session.Id);
        AssertEveryPagesEventsStoredOnce(stored);
        var writing = stored.Where(e => e.Type.StartsWith(WritingTrace.Prefix, StringComparison.Ordinal)).ToList();
        var replaced = Assert.Single(writing, e => e.Payload.Contains("\U0001F603", StringComparison.Ordinal) || e.Payload.Contains("\\ud83d\\ude03", StringComparison.OrdinalIgnoreCase));
        Assert.Null(replaced.Issue);
        var ops = System.Text.Json.JsonDocument.Parse(replaced.Payload).RootElement.GetProperty("textDelta").GetProperty("ops");
        Assert.Equal((2, 2, "\U0001F603"), (ops[0].GetProperty("retain").GetInt32(), ops[1].GetProperty("delete").GetInt32(), ops[2].GetProperty("insert").GetString()));
        var broken = Assert.Single(stored, e => e.Issue is not null);
        Assert.Equal(StorableText.SurrogateIssue, broken.Issue);
        Assert.Contains("\\ude03", broken.Original, StringComparison.OrdinalIgnoreCase);
        // " after", typed behind it, is all there.
        Assert.True(writing.Count(e => e.Sequence > broken.Sequence && e.Type == "writing.text-insert") >= " after".Length);
    }

    [Fact]
    public async Task WhenTheTraceCannotReachTheServerTheDebriefSaysSoAndTheParticipantMayFinishWithoutIt()
    {
        var slug = await platform.CreateStudyAsync(c => c with { Stages = c.Stages.Where(s => s.Kind is StageKind.Consent or StageKind.Instructions or StageKind.Debrief).ToList() });
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync(1366, 768);
        var page = participant.Page;
        // The logger's hub cannot be reached (the page itself, on its own connection, still works).
        await page.RouteAsync("**/hubs/session/**", route => route.AbortAsync());
        await participant.ConsentAsync(slug, pid);
        await participant.ClickAsync("Continue");
        await Expect(participant.Heading).ToHaveTextAsync("Thank you!");

        // No code and no hand-over while the page waits; after the wait, the participant is told what is missing.
        await Expect(page.Locator("[data-completion-code]")).ToHaveCountAsync(0);
        var notice = page.Locator("[data-unsent-events]");
        await Expect(notice).ToBeVisibleAsync(new() { Timeout = 40_000 });
        Assert.True(int.Parse(await notice.GetAttributeAsync("data-unsent-events") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.StartsWith(platform.Address.ToString(), page.Url, StringComparison.Ordinal);
        await participant.ScreenshotAsync("trace-unsent-1366");
        await page.SetViewportSizeAsync(390, 844);
        await participant.ScreenshotAsync("trace-unsent-390");

        await participant.ClickAsync("Finish without them");

        await participant.ReturnToProlificAsync();
    }

    [Fact]
    public async Task EventsQueuedByTheLoggerBeforePageInstancesAreSentAfterTheNextLoad()
    {
        var slug = await platform.CreateStudyAsync();
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using var participant = await platform.NewParticipantAsync();
        await participant.ConsentAsync(slug, pid);
        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        var key = session.Id.ToString();
        // What a page of the previous logger left behind: one session-wide counter and a queue under one key.
        await participant.Page.EvaluateAsync("""
            k => {
              localStorage.setItem(`il.trace.${k}.seq`, "2");
              localStorage.setItem(`il.trace.${k}.pending`, JSON.stringify([
                { sequence: 1, type: "text.insert", clientTimeMs: 1700000000001, payload: { queuedBefore: "one" } },
                { sequence: 2, type: "text.insert", clientTimeMs: 1700000000002, payload: { queuedBefore: "two" } }]));
            }
            """, key);

        await participant.Page.ReloadAsync();
        await participant.WaitUntilInteractiveAsync();
        // The new page first moves the old queue under its own keys, then sends them: wait for both, in that order
        // (checking only the new keys could pass before the old queue was moved).
        await participant.Page.WaitForFunctionAsync("k => localStorage.getItem(`il.trace.${k}.pending`) === null", key);
        await participant.WaitForTraceFlushAsync(key);

        var stored = await ClientEventsAsync(session.Id);
        AssertEveryPagesEventsStoredOnce(stored);
        var adopted = stored.Where(e => e.Payload.Contains("queuedBefore", StringComparison.Ordinal)).ToList();
        Assert.Equal([1L, 2L], adopted.Select(e => e.ClientSequence!.Value).Order());
        Assert.Single(adopted.Select(e => e.Instance).Distinct());
    }
}
