using InteractionLab.Api.Staff;
using InteractionLab.E2E.Infrastructure;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E.Tasks;

/// <summary>
/// A researcher brings HALIE's released metaphor logs in through the import page (a Mac-made logs.zip with its
/// session.txt), then reads HALIE's per-sentence table on the results page and in a session's replay — in Chromium
/// against the real server and PostgreSQL, with screenshots at 1366×768 and 390×844.
/// </summary>
public sealed class HalieImportTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private static readonly string Folder = Directory.CreateDirectory(Path.Combine(Artifacts.Screenshots, "halie")).FullName;

    private static async Task BothSizesAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(1366, 768);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}-1366.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        // Wide tables scroll inside their own box; the page itself never scrolls sideways on a phone.
        Assert.Equal(390, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}-390.png"), FullPage = true });
        await page.SetViewportSizeAsync(1366, 768);
    }

    [Fact]
    public async Task TheReleasedLogsZipImportsAndThePerSentenceTableShowsOnTheResultsPageAndInTheReplay()
    {
        var slug = await platform.CreateStudyAsync();
        Guid studyId;
        await using (var scope = platform.Scope(out var db))
            studyId = await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
        await platform.CreateStaffAsync("halie-admin", StaffRoles.Admin, "Halie-import-1!");
        await using var admin = await platform.NewStaffBrowserAsync(1366, 768);
        await admin.SignInAsync("halie-admin", "Halie-import-1!");
        var page = admin.Page;

        await page.GotoAsync($"admin/studies/{studyId}/import");
        // InputFile has no Blazor event handler; its script marks the element once it listens for a choice.
        await page.WaitForFunctionAsync("() => { const e = document.querySelector('#import-files'); return !!e && '_blazorInputFileNextFileId' in e; }");
        await page.Locator("#import-files").SetInputFilesAsync(new FilePayload { Name = "logs.zip", MimeType = "application/zip", Buffer = HalieArchive.MacZip() });
        await Expect(page.Locator(".import-results [role=status]")).ToHaveTextAsync("2 of 2 logs imported as new sessions.");
        await Expect(page.Locator(".import-results tbody tr .replay .outcome")).ToHaveTextAsync(["Match", "Match"]);
        await Expect(page.Locator(".import-results tbody td:nth-of-type(3)")).ToHaveTextAsync(["InstructDavinci", "Jumbo"]);
        await Expect(page.Locator("[data-import=skipped] summary")).ToHaveTextAsync("1 upload was left out");
        await BothSizesAsync(page, "1-import");

        await page.GotoAsync($"admin/studies/{studyId}/results");
        var table = page.Locator("[data-results=sentences] [data-writing=sentences]");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(6);
        // Row 2 of the CSV (the life session's second sentence), as the sentences export writes it; ids shortened.
        string worker;
        await using (var scope = platform.Scope(out var db))
            worker = (await db.ImportedSessions.Where(i => i.SourceSessionId == HalieArchive.Life)
                .Join(db.Sessions, i => i.SessionId, s => s.Id, (i, s) => s.ParticipantId).SingleAsync()).ToString("N")[..8] + "…";
        await Expect(table.Locator("tbody tr").Nth(1).Locator("td")).ToHaveTextAsync(
            ["5f1c0a3e…", worker, "InstructDavinci", "life", "1", "0.33", "0.35", "2", "8", "0", "", "Life is a marathon, not a sprint.", "7", "34"]);
        // Per condition over sentences, as HALIE reports it: InstructDavinci's 3 sentences all had a list shown
        // (acceptance 100, 0, 50 → mean 50), Jumbo's one of 3 (12).
        await Expect(page.Locator("tr[data-metric='writing:acceptance'] td", new() { HasText = "(3)" })).ToHaveTextAsync("50.00 ± 28.87 (3)");
        await Expect(page.Locator("tr[data-metric='writing:acceptance'] td", new() { HasText = "(1)" })).ToHaveTextAsync("12.00 ± — (1)");
        await BothSizesAsync(page, "2-results");
        await page.Locator("[data-results=sentences]").ScreenshotAsync(new() { Path = Path.Combine(Folder, "2-results-sentences-1366.png") });

        await table.Locator("tbody tr").First.Locator("a").ClickAsync();
        await admin.WaitUntilInteractiveAsync("#writing-scrubber");
        var sentences = page.Locator("[data-writing=sentences] tbody tr");
        await Expect(sentences).ToHaveCountAsync(3);
        await sentences.Nth(2).GetByRole(AriaRole.Button, new() { Name = "Show sentence 2 in the replay" }).ClickAsync();
        await Expect(page.Locator("[data-writing=document]")).ToContainTextAsync("Life is a 🎲 roll of the die.");
        await Expect(page.Locator("[data-writing=event]")).ToHaveTextAsync("template-add");
        await BothSizesAsync(page, "3-replay");
        await page.Locator(".writing-replay").ScreenshotAsync(new() { Path = Path.Combine(Folder, "3-replay-writing-1366.png") });
    }
}
