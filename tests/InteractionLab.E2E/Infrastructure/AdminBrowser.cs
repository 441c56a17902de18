using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>One staff member's browser tab on the admin pages, with the steps the admin tests repeat.</summary>
public sealed class AdminBrowser(IBrowserContext context, IPage page) : IAsyncDisposable
{
    /// <summary>The folder the admin pages' screenshots go to (under the artifacts' screenshots folder).</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Artifacts.Screenshots, "admin")).FullName;

    /// <summary>The tab.</summary>
    public IPage Page { get; } = page;

    /// <summary>The page's main heading.</summary>
    public ILocator Heading => Page.Locator("main h1").First;

    /// <summary>Signs in through the real sign-in page and waits until the form has been answered.</summary>
    public async Task SignInAsync(string userName, string password, string? screenshot = null)
    {
        await Page.GotoAsync("admin/login");
        await Expect(Heading).ToHaveTextAsync("Sign in");
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("Password").FillAsync(password);
        if (screenshot is not null) await ScreenshotAsync(screenshot);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Signed in once the browser is sent on; what the next page shows each test waits for itself. Waiting for that
        // page's load event as well timed out once in CI (30 s) on the page after the sign-in, not on the sign-in.
        await Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/admin/login", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>Fills the change-password form (the page a one-time password leads to) and submits it.</summary>
    public async Task ChangePasswordAsync(string current, string next)
    {
        await Page.GetByLabel("Current password").FillAsync(current);
        await Page.GetByLabel("New password (at least 12 characters)").FillAsync(next);
        await Page.GetByLabel("New password again").FillAsync(next);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
    }

    /// <summary>
    /// Waits until Blazor has attached its event handlers to the element <paramref name="selector"/> finds: before
    /// the circuit is up the page is only prerendered HTML, and a click or a typed value would be lost. Blazor's
    /// event delegator keeps an element's handlers in a property named <c>_blazorEvents_N</c>.
    /// </summary>
    public async Task WaitUntilInteractiveAsync(string selector)
    {
        await Expect(Page.Locator(selector).First).ToBeVisibleAsync();
        await Page.WaitForFunctionAsync(
            "s => { const e = document.querySelector(s); return !!e && Object.keys(e).some(k => k.startsWith('_blazorEvents_')); }",
            selector);
    }

    /// <summary>Sets a Blazor-bound field (bound to <c>onchange</c>): fills it, then says it changed, as leaving it would.</summary>
    public async Task SetAsync(string selector, string value)
    {
        var field = Page.Locator(selector);
        await field.FillAsync(value);
        await field.DispatchEventAsync("change");
        await Expect(field).ToHaveValueAsync(value);
    }

    /// <summary>Picks an option of a Blazor-bound select by its value and waits until the page shows it picked.</summary>
    public async Task SelectAsync(string selector, string value)
    {
        await Page.Locator(selector).SelectOptionAsync(value);
        await Expect(Page.Locator(selector)).ToHaveValueAsync(value);
    }

    /// <summary>Clicks a button by its visible (or accessible) name.</summary>
    public Task ClickAsync(string button) => Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    /// <summary>Saves a full-page screenshot under <see cref="Screenshots"/>.</summary>
    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
