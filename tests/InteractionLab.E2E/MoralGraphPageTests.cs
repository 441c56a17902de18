using System.Security.Claims;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.Staff;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// The moral graph page in Chromium against the real server on PostgreSQL (issues 12 and 14): the original platform's
/// tables imported, the published graph shown with impressions, the tables styled, and axe finding nothing on the page
/// at laptop and phone size. Screenshots go to artifacts/screenshots/moral-graph/.
/// </summary>
public sealed class MoralGraphPageTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string Password = "researcher-e2e-password-12";
    private static readonly string Shots = Directory.CreateDirectory(Path.Combine(Artifacts.Screenshots, "moral-graph")).FullName;

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = true });

    private async Task<Guid> StudyAsync()
    {
        var slug = await platform.CreateStudyAsync();
        await using var scope = platform.Scope(out var db);
        var id = await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "e2e"), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "test"));
        var tables = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "MoralGraph", "original-tables.json"));
        await scope.ServiceProvider.GetRequiredService<MoralGraphService>().ImportAsync(admin, id, tables);
        return id;
    }

    [Theory]
    [InlineData(1366, 768, "laptop")]
    [InlineData(390, 844, "phone")]
    public async Task ThePublishedGraphIsShownReadablyAndAxeFindsNothing(int width, int height, string size)
    {
        var id = await StudyAsync();
        var name = "mgp-" + Guid.NewGuid().ToString("N")[..8];
        await platform.CreateStaffAsync(name, StaffRoles.Admin, Password);
        await using var researcher = await platform.NewStaffBrowserAsync(width, height);
        await researcher.SignInAsync(name, Password);

        await researcher.Page.GotoAsync($"admin/studies/{id}/moral-graph");
        await Expect(researcher.Page.GetByText("4 values, 3 edges.")).ToBeVisibleAsync();
        await researcher.WaitUntilInteractiveAsync("g.mg-node");
        var edges = researcher.Page.Locator("table.mg-table").Nth(1);
        await Expect(edges.Locator("thead")).ToContainTextAsync("Impressions");
        await Expect(edges.Locator("tbody tr").First).ToContainTextAsync("1.4056");
        // The admin table style reached the table: a rule under every cell.
        Assert.NotEqual("0px", await edges.Locator("td").First.EvaluateAsync<string>("td => getComputedStyle(td).borderBottomWidth"));
        await ShotAsync(researcher.Page, $"{size}-01-graph");

        await researcher.Page.Locator("g.mg-node[data-value='3']").ClickAsync();
        await Expect(researcher.Page.Locator("aside.mg-card h3")).ToHaveTextAsync("Honest presence through it");
        await ShotAsync(researcher.Page, $"{size}-02-value-selected");
        // What a phone shows at once: the tables, scrolled to.
        await researcher.Page.Locator("table.mg-table").First.ScrollIntoViewIfNeededAsync();
        await researcher.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{size}-03-tables-in-view.png") });

        // Before: the svg was role="img" around focusable value buttons, which axe reports as "nested-interactive".
        await Axe.AssertCleanAsync(researcher.Page);
        // No page-wide horizontal scrolling: wide tables scroll in their own box.
        Assert.True(await researcher.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page is wider than the window");
    }
}
