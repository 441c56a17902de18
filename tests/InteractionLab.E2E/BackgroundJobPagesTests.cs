using InteractionLab.Api.Staff;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// Background jobs in Chromium against the real server: a researcher starts a simulation and the page follows its
/// stored progress to the end (the job runs on Hangfire), and an admin finds it on Hangfire's dashboard inside the
/// admin area. Screenshots at 1366×768 and 390×844 go to <see cref="AdminBrowser.Screenshots"/>.
/// </summary>
public sealed class BackgroundJobPagesTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string Password = "jobs-e2e-password-01";

    [Fact]
    public async Task AResearcherFollowsASimulationToItsEndAndAnAdminFindsItOnTheJobsDashboard()
    {
        // BrowserPlatform's studies belong to "e2e".
        await platform.CreateStaffAsync("e2e", StaffRoles.Researcher, Password);
        await platform.CreateStaffAsync("jobs-admin", StaffRoles.Admin, Password);
        var slug = await platform.CreateStudyAsync();
        Guid studyId;
        await using (var scope = platform.Scope(out var db))
            studyId = await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();

        await using var researcher = await platform.NewStaffBrowserAsync(1366, 768);
        await researcher.SignInAsync("e2e", Password);
        await researcher.Page.GotoAsync($"admin/studies/{studyId}/simulate");
        await researcher.WaitUntilInteractiveAsync("#sim-count");
        // Bad settings are refused by the service, each message beside its field and in the summary above.
        await researcher.SetAsync("#sim-count", "0");
        await researcher.SetAsync("#sim-model", "");
        await researcher.ClickAsync("Start simulation");
        await Expect(researcher.Page.Locator("#sim-error-Count")).ToContainTextAsync("Choose between 1 and 50 simulated participants.");
        await Expect(researcher.Page.Locator("#sim-error-PersonaModel-Model")).ToHaveTextAsync("Enter the persona model.");
        await Expect(researcher.Page.Locator("#sim-model")).ToHaveAttributeAsync("aria-invalid", "true");
        await researcher.ScreenshotAsync("jobs-00-simulation-refused-1366");
        await researcher.Page.SetViewportSizeAsync(390, 844);
        await researcher.ScreenshotAsync("jobs-00-simulation-refused-390");
        await researcher.Page.SetViewportSizeAsync(1366, 768);
        await researcher.SetAsync("#sim-model", "demo-chat");
        await researcher.SetAsync("#sim-count", "1");
        await researcher.ClickAsync("Start simulation");
        await Expect(researcher.Page.Locator(".sim-progress .status")).ToContainTextAsync("Finished: 1 completed, 0 failed.", new() { Timeout = 120_000 });
        await Expect(researcher.Page.Locator(".sim-progress progress")).ToHaveAttributeAsync("value", "1");
        await researcher.ScreenshotAsync("jobs-01-simulation-finished-1366");

        // Another browser (another circuit) shows the same run from its stored progress.
        await using var phone = await platform.NewStaffBrowserAsync(390, 844);
        await phone.SignInAsync("e2e", Password);
        await phone.Page.GotoAsync($"admin/studies/{studyId}/simulate");
        await Expect(phone.Page.Locator(".sim-progress .status")).ToContainTextAsync("Finished: 1 completed, 0 failed.");
        await phone.ScreenshotAsync("jobs-02-simulation-finished-390");

        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await using var admin = await platform.NewStaffBrowserAsync(width, height);
            await admin.SignInAsync("jobs-admin", Password);
            await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Background jobs" }).ClickAsync();
            await Expect(admin.Page.Locator("h1.page-header")).ToHaveTextAsync("Overview");
            await admin.ScreenshotAsync($"jobs-03-dashboard-{width}");
            await admin.Page.GotoAsync("admin/jobs/jobs/succeeded");
            await Expect(admin.Page.Locator("table.table")).ToContainTextAsync("SimulationWorker");
            await admin.ScreenshotAsync($"jobs-04-dashboard-succeeded-{width}");
        }
    }
}
