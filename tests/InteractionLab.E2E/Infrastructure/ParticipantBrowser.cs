using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>One participant's browser tab, with the steps the journey tests repeat.</summary>
public sealed class ParticipantBrowser(IBrowserContext context, IPage page) : IAsyncDisposable
{
    /// <summary>The tab.</summary>
    public IPage Page { get; } = page;

    /// <summary>The stage heading.</summary>
    public ILocator Heading => Page.Locator("main h1");

    /// <summary>The message box.</summary>
    public ILocator MessageBox => Page.GetByLabel("Your message");

    /// <summary>Saved and streaming model replies.</summary>
    public ILocator ModelReplies => Page.Locator("[data-role=model] .text");

    /// <summary>The participant's messages.</summary>
    public ILocator OwnMessages => Page.Locator("[data-role=participant] .text");

    /// <summary>Opens a study link as Prolific sends it and agrees to the consent form.</summary>
    public async Task ConsentAsync(string slug, string prolificPid, string? screenshot = null)
    {
        await AgreeAsync(slug, prolificPid, "prolific-session-1", screenshot);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Opens a study link for one Prolific submission and clicks "I agree" (whatever the server answers).</summary>
    public async Task AgreeAsync(string slug, string prolificPid, string prolificSessionId, string? screenshot = null)
    {
        await Page.GotoAsync($"s/{slug}?PROLIFIC_PID={prolificPid}&STUDY_ID=study-e2e&SESSION_ID={prolificSessionId}");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "I agree" })).ToBeVisibleAsync();
        if (screenshot is not null) await ScreenshotAsync(screenshot);
        await Page.GetByRole(AriaRole.Button, new() { Name = "I agree" }).ClickAsync();
    }

    /// <summary>Waits for the Blazor circuit: before it is up, clicks would be lost (controls are disabled until then).</summary>
    public Task WaitUntilInteractiveAsync() =>
        Expect(Page.Locator(".session[data-interactive=true]")).ToBeVisibleAsync();

    /// <summary>
    /// Waits for the next stage: its heading, and the focus moved there (so keys typed next are not lost to it,
    /// and screen-reader users hear the new step).
    /// </summary>
    public async Task WaitForStageAsync(string title)
    {
        await Expect(Heading).ToHaveTextAsync(title);
        await Expect(Heading).ToBeFocusedAsync();
    }

    /// <summary>Types a message key by key (so the trace logger sees keystrokes) and sends it with Enter.</summary>
    public async Task TypeAndSendAsync(string message)
    {
        await Expect(MessageBox).ToBeEnabledAsync();
        await MessageBox.PressSequentiallyAsync(message);
        await MessageBox.PressAsync("Enter");
        await Expect(OwnMessages.Last).ToContainTextAsync(message);
    }

    /// <summary>Waits until <paramref name="count"/> replies are saved and the box is usable again.</summary>
    public async Task WaitForRepliesAsync(int count)
    {
        await Expect(Page.Locator("[data-streaming]")).ToHaveCountAsync(0);
        await Expect(ModelReplies).ToHaveCountAsync(count);
        await Expect(MessageBox).ToBeEnabledAsync();
    }

    /// <summary>
    /// The demo model has random weights: its replies are arbitrary printable characters, runs of spaces and line
    /// breaks. Playwright compares a string's text with whitespace collapsed and trimmed, so expected texts (the
    /// model's own output, as streamed or as saved) go through the same normalisation to say so explicitly.
    /// </summary>
    public static string Normalise(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>Waits until the page shows exactly these model replies (their saved or streamed text).</summary>
    public Task ExpectModelRepliesAsync(IEnumerable<string> texts) =>
        Expect(ModelReplies).ToHaveTextAsync(texts.Select(Normalise).ToArray());

    /// <summary>
    /// Finishes at the debrief as a Prolific participant does: the code appears once everything is saved, then the
    /// "Return to Prolific" button leads to Prolific's completion URL with it.
    /// </summary>
    public async Task ReturnToProlificAsync(string code = "DEMO-C0MPL3TE")
    {
        await Expect(Page.Locator("[data-completion-code]")).ToHaveTextAsync(code);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Return to Prolific" }).ClickAsync();
        await Page.WaitForURLAsync($"https://app.prolific.com/submissions/complete?cc={code}");
    }

    /// <summary>Clicks a button by its visible name.</summary>
    public Task ClickAsync(string button) => Page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();

    /// <summary>Saves a full-page screenshot under the artifacts' screenshots folder.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Screenshots, name + ".png"), FullPage = true });

    /// <summary>Screenshots of the page as it is at a laptop's 1366×768 and a phone's 390×844 (then back to the laptop).</summary>
    public async Task ScreenshotBothSizesAsync(string name)
    {
        await Page.SetViewportSizeAsync(1366, 768);
        await ScreenshotAsync(name + "-1366x768");
        await Page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(name + "-390x844");
        await Page.SetViewportSizeAsync(1366, 768);
    }

    // The trace logger keeps each unacknowledged event of a session under its own localStorage key with this prefix.
    private const string CountQueued = "p => Object.keys(localStorage).filter(k => k.startsWith(p)).length";

    /// <summary>Events of a session the trace logger still holds (recorded, not yet acknowledged), in this browser.</summary>
    public Task<int> TracePendingAsync(string sessionKey) => Page.EvaluateAsync<int>(CountQueued, $"il.trace.{sessionKey}.e.");

    /// <summary>Waits until the trace logger of this browser holds no unacknowledged event of the session.</summary>
    public Task WaitForTraceFlushAsync(string sessionKey) =>
        Page.WaitForFunctionAsync($"p => ({CountQueued})(p) === 0", $"il.trace.{sessionKey}.e.");

    /// <summary>A second tab of the same browser (same cookie, same localStorage).</summary>
    public Task<IPage> OpenTabAsync() => context.NewPageAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
