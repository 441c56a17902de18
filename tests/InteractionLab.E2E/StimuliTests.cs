using System.Text;
using System.Text.RegularExpressions;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// Stimuli in Chromium against the real server on PostgreSQL (issue 6): a researcher uploads a scenario set (a bad
/// file first, refused with its problems by line), reads the task catalog, and picks the set for the chat stage of a
/// study in the builder. Screenshots go to <c>artifacts/screenshots/stimuli/</c>.
/// </summary>
public sealed class StimuliTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string Password = "stimuli-e2e-password-1";

    private static readonly string Shots = Directory.CreateDirectory(Path.Combine(Artifacts.Screenshots, "stimuli")).FullName;

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = true });

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task AResearcherUploadsAScenarioSetAndPicksItForTheChatStageOfAStudy()
    {
        var name = $"researcher-{Guid.NewGuid():N}"[..19];
        await platform.CreateStaffAsync(name, StaffRoles.Researcher, Password);
        await using var researcher = await platform.NewStaffBrowserAsync(1280, 800);
        await researcher.SignInAsync(name, Password);
        var page = researcher.Page;

        // A bad file: refused with every problem by line, nothing stored.
        await page.GotoAsync("admin/stimuli");
        await Expect(researcher.Heading).ToHaveTextAsync("Stimuli");
        await researcher.WaitUntilInteractiveAsync("#upload-kind");
        await researcher.SelectAsync("#upload-kind", "dialogue-scenarios");
        await Expect(page.Locator(".format-doc")).ToContainTextAsync("id,scenario");
        await researcher.SetAsync("#upload-name", "Broken scenarios");
        await page.Locator("#upload-file").SetInputFilesAsync(Csv("broken.csv", "id,scenario\nzoo,A day at the zoo.\nzoo,Twice the zoo.\nempty,\n"));
        await researcher.ClickAsync("Upload");
        await Expect(page.Locator(".upload-problems h3")).ToHaveTextAsync("The file was not stored: 2 problems to fix");
        await Expect(page.Locator(".upload-problems")).ToContainTextAsync("Line 3: The id 'zoo' is already used on line 2.");
        await Expect(page.Locator(".upload-problems")).ToContainTextAsync("Line 4: The scenario is empty.");
        await ShotAsync(page, "01-upload-refused");

        // A good one: stored, listed with its count under its kind, previewed.
        var setName = $"Travel scenarios {Guid.NewGuid():N}"[..24];
        await researcher.SetAsync("#upload-name", setName);
        await page.Locator("#upload-file").SetInputFilesAsync(Csv("travel.csv",
            "id,scenario\nairport,\"Your flight is delayed by three hours, and you are hungry.\"\ntrain,You are on a night train and cannot sleep.\nmap,You got lost in a city whose language you do not speak.\n"));
        await researcher.ClickAsync("Upload");
        await Expect(page.Locator(".save-status")).ToContainTextAsync($"Stored '{setName}'");
        await Expect(page.Locator(".upload-problems")).ToHaveCountAsync(0);
        var row = page.Locator("table.stimulus-sets tr", new() { HasText = setName });
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("3");
        await Expect(page.Locator(".stimulus-preview")).ToContainTextAsync("Your flight is delayed by three hours, and you are hungry.");
        var setKey = (await row.GetAttributeAsync("data-set"))!;
        await ShotAsync(page, "02-upload-stored");

        await page.GotoAsync("admin/tasks");
        await Expect(researcher.Heading).ToHaveTextAsync("Task catalog");
        await Expect(page.Locator("#task-social-dialogue")).ToContainTextAsync("dialogue-scenarios");
        await ShotAsync(page, "03-task-catalog");

        // The builder: the chat stage of a copy of the demo study reads the uploaded set instead of typed scenarios.
        await page.GotoAsync("admin/studies/new");
        await researcher.WaitUntilInteractiveAsync("#new-slug");
        var slug = $"stimuli-{Guid.NewGuid():N}"[..16];
        await researcher.SetAsync("#new-title", "Travel chats");
        await researcher.SetAsync("#new-slug", slug);
        await page.Locator("#template-demo").CheckAsync();
        await researcher.ClickAsync("Create study");
        await page.WaitForURLAsync(new Regex("/admin/studies/[0-9a-f-]{36}/edit$"));
        await researcher.WaitUntilInteractiveAsync("li.stage[data-stage=chat] button.toggle");
        await page.Locator("li.stage[data-stage=chat] button.toggle").ClickAsync();
        await Expect(page.Locator("#stage2-type")).ToHaveValueAsync("social-dialogue");
        await researcher.SetAsync("#stage2-scenarios", "");
        await page.Locator($"#stage2-stimuli-{setKey}").CheckAsync();
        // The whole builder is many screens long; the chat stage is what this step is about.
        await page.Locator("li.stage[data-stage=chat]").ScreenshotAsync(new() { Path = Path.Combine(Shots, "04-builder-picks-set.png") });
        await page.Locator("button.save").ClickAsync();
        await Expect(page.Locator(".save-status")).ToContainTextAsync("Saved");
        await Expect(page.Locator(".error-summary")).ToHaveCountAsync(0);

        await using var scope = platform.Scope(out var db);
        var json = await db.StudyVersions.Where(v => v.Study!.Slug == slug).Select(v => v.ConfigJson).SingleAsync();
        var chat = ConfigHash.Parse(json).Stages.Single(s => s.Key == "chat").Task!;
        Assert.Equal(setKey, chat.Stimuli);
        Assert.True(chat.Scenarios is null or { Count: 0 });
    }
}
