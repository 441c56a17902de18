using System.Text;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph.Interview;
using InteractionLab.Api.MoralGraph.Voting;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Crossword;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// The admin pages issue 14 found wanting, in Chromium on PostgreSQL: the moral-graph phases and study tabs, the
/// replay of a crossword session, the stimuli page, the values page's buttons and buttons on hover. Each page is
/// screenshot at 1366×768 and 390×844 into <c>artifacts/screenshots/admin/launch/</c> and checked with axe.
/// </summary>
public sealed class LaunchAdminTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string Password = "launch-admin-password-1";

    private static readonly string Shots = Directory.CreateDirectory(Path.Combine(AdminBrowser.Screenshots, "launch")).FullName;

    private async Task<AdminBrowser> SignInAsync(string role = StaffRoles.Admin)
    {
        var name = $"admin-{Guid.NewGuid():N}"[..14];
        await platform.CreateStaffAsync(name, role, Password);
        var admin = await platform.NewStaffBrowserAsync(1366, 768);
        await admin.SignInAsync(name, Password);
        return admin;
    }

    // Both sizes of the page as it is now, then back to the laptop.
    private static async Task ShotsAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + "-1366.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, name + "-390.png"), FullPage = true });
        await page.SetViewportSizeAsync(1366, 768);
    }

    private async Task<Guid> StudyIdAsync(string slug)
    {
        await using var scope = platform.Scope(out var db);
        return await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
    }

    private static StudyConfig InterviewAndVoting(StudyConfig c) => c with
    {
        Stages = [.. c.Stages.Where(s => s.Kind is StageKind.Consent or StageKind.Instructions),
            new StageConfig("interview", StageKind.Task, "Your values", Task: new TaskConfig(MoralInterviewTask.TaskKey)),
            new StageConfig("vote", StageKind.Task, "Which is wiser?", Task: new TaskConfig(MoralVotingTask.TaskKey)),
            c.Stages[^1]],
    };

    [Fact]
    public async Task AnInterviewAndVotingStudyShowsItsPhaseNextStepAndMoralGraphTabsAndTheBuilderWarnsAboutVoting()
    {
        var mge = await StudyIdAsync(await platform.CreateStudyAsync(InterviewAndVoting));
        var chat = await StudyIdAsync(await platform.CreateStudyAsync());
        await using var admin = await SignInAsync();
        var page = admin.Page;

        await page.GotoAsync($"admin/studies/{mge}");
        await Expect(page.Locator(".mge-phase h2")).ToHaveTextAsync("Moral graph: collecting values");
        await Expect(page.Locator("[data-mge=next]")).ToContainTextAsync("Collect values");
        await Expect(page.Locator(".mge-phase [data-mge=warning]")).ToContainTextAsync("The voting stage 'vote' has no approved stories");
        await Expect(page.Locator("nav.study-nav a")).ToHaveTextAsync(["Overview", "Edit", "Versions", "Preview", "Simulate", "Results", "Sharing", "API keys", "Moral graph", "Values", "Stories", "Annotation"]);
        await ShotsAsync(page, "mge-overview");
        await Axe.AssertCleanAsync(page);
        await Layout.AssertButtonsReadableOnHoverAsync(page);

        await page.GotoAsync($"admin/studies/{mge}/edit");
        await admin.WaitUntilInteractiveAsync("#study-title");
        await Expect(page.Locator("[data-mge=warning]")).ToContainTextAsync("The voting stage 'vote' has no approved stories");
        await page.Locator("[data-mge=warning]").ScreenshotAsync(new() { Path = Path.Combine(Shots, "mge-builder-warning.png") });

        // Pages whose primary buttons the admin style draws like secondary ones (white, accent text): the hover must not
        // turn them accent on accent.
        foreach (var (path, button) in new[] { ("admin/instruments", "button.new-instrument"), ("admin/models", "main button.btn") })
        {
            await page.GotoAsync(path);
            await admin.WaitUntilInteractiveAsync(button);
            await Layout.AssertButtonsReadableOnHoverAsync(page);
        }

        await page.GotoAsync($"admin/studies/{chat}");
        await Expect(page.Locator("nav.study-nav a")).ToHaveTextAsync(["Overview", "Edit", "Versions", "Preview", "Simulate", "Results", "Sharing", "API keys", "Annotation"]);
        await Expect(page.Locator(".mge-phase")).ToHaveCountAsync(0);
        await ShotsAsync(page, "chat-overview");
    }

    [Fact]
    public async Task TheValuesPagesSplitOffButtonsAreNamedByWhatTheyShow()
    {
        var study = await StudyIdAsync(await platform.CreateStudyAsync(InterviewAndVoting));
        await using (var scope = platform.Scope(out var db))
        {
            foreach (var author in new[] { "ana", "ben" })
                db.ValuesCards.Add(new ValuesCardRecord
                {
                    StudyId = study, ValueId = "care", QuestionId = "q1", Title = $"Care ({author})", Description = "Staying close.",
                    PoliciesJson = """["MOMENTS when someone is alone"]""", AuthorPseudonym = author, CreatedAt = DateTimeOffset.UtcNow,
                });
            await db.SaveChangesAsync();
        }
        await using var admin = await SignInAsync();

        await admin.Page.GotoAsync($"admin/studies/{study}/values");
        await Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Split off" }).First).ToBeVisibleAsync();
        await ShotsAsync(admin.Page, "values");
        await Axe.AssertCleanAsync(admin.Page);
    }

    [Fact]
    public async Task TheReplayOfACrosswordSessionShowsTheGridAtTheScrubbedEventAndHidesTokensUntilAsked()
    {
        var slug = await platform.CreateStudyAsync(c => c with
        {
            Stages = [.. c.Stages.Where(s => s.Kind is StageKind.Consent),
                new StageConfig("puzzle", StageKind.Task, "Crossword", Task: new TaskConfig(CrosswordTask.TaskKey, Stimuli: "demo-crossword-mini")),
                c.Stages[^1]],
        });
        var pid = Guid.NewGuid().ToString("N")[..24];
        await using (var participant = await platform.NewParticipantAsync(1366, 768))
        {
            await participant.ConsentAsync(slug, pid);
            await Expect(participant.Heading).ToHaveTextAsync("Crossword");
            await participant.Page.Locator(".board-input").PressSequentiallyAsync("pl");
            await Expect(participant.Page.Locator("[data-row='0'][data-col='1'] .letter")).ToHaveTextAsync("L");
            await participant.Page.GetByRole(AriaRole.Button, new() { Name = "Reveal word" }).ClickAsync();
            await Expect(participant.Page.Locator(".cell.revealed")).ToHaveCountAsync(5);
        }
        var session = Assert.Single(await platform.SessionsOfAsync(slug, pid));
        await using var admin = await SignInAsync();
        var page = admin.Page;

        await page.GotoAsync($"admin/studies/{session.StudyId}/sessions/{session.Id}");
        await admin.WaitUntilInteractiveAsync("#replay-scrubber");
        var grid = page.Locator("[data-crossword=grid]");
        await Expect(grid.Locator("td.revealed")).ToHaveCountAsync(5); // the end: 1 across revealed
        await Expect(page.Locator("[data-replay=stage]")).ToHaveTextAsync("Crossword (puzzle)");
        // Back to the event where the L was typed: P and L, nothing revealed yet.
        var typed = page.Locator(".replay-timeline li", new() { HasText = "crossword.cell" }).Last;
        await typed.Locator("button").ClickAsync();
        await Expect(grid.Locator("td.revealed")).ToHaveCountAsync(0);
        await Expect(grid.Locator("[data-row='0'][data-col='1']")).ToHaveTextAsync("L");
        await Expect(page.Locator(".replay-timeline li code", new() { HasText = "model.token" })).ToHaveCountAsync(0);
        await ShotsAsync(page, "replay-crossword");
        await Axe.AssertCleanAsync(page);
    }

    [Fact]
    public async Task StimuliShowTheirFormatHelpKeepTheTypedNameRefuseDuplicatesAndCanBeRenamedAndDeleted()
    {
        await using var researcher = await SignInAsync(StaffRoles.Researcher);
        var page = researcher.Page;
        await page.GotoAsync("admin/stimuli");
        await researcher.WaitUntilInteractiveAsync("#upload-kind");
        await researcher.SelectAsync("#upload-kind", "crossword");
        await Expect(page.Locator(".format-doc pre code")).ToContainTextAsync("\"grid\"");
        await Expect(page.Locator(".format-doc li").First).ToContainTextAsync("grid: the solution");
        await Expect(page.Locator(".format-doc")).Not.ToContainTextAsync("```");

        // Bad JSON: said in plain words.
        await page.Locator("#upload-name").FillAsync("Broken puzzle");
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "broken.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes("{\n  \"title\": \"x\",\n  \"grid\": [\"AB\"\n}") });
        await Expect(page.Locator("#upload-name")).ToHaveValueAsync("Broken puzzle"); // choosing the file kept the typed name
        await researcher.ClickAsync("Upload");
        await Expect(page.Locator(".upload-problems")).ToContainTextAsync("The file is not valid JSON:");
        await Expect(page.Locator(".upload-problems")).Not.ToContainTextAsync("LineNumber");

        var name = $"Scenarios {Guid.NewGuid():N}"[..18];
        var csv = $"id,scenario\na,A quiet morning {Guid.NewGuid():N}.\n";
        await researcher.SelectAsync("#upload-kind", "dialogue-scenarios");
        await page.Locator("#upload-name").FillAsync(name);
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "s.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await researcher.ClickAsync("Upload");
        await Expect(page.Locator(".save-status")).ToContainTextAsync($"Stored '{name}'");
        await page.Locator("#upload-name").FillAsync("The same again");
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "again.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await researcher.ClickAsync("Upload");
        await Expect(page.Locator(".upload-problems")).ToContainTextAsync($"holds the same 1 items as the set '{name}'");
        await ShotsAsync(page, "stimuli-duplicate");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Rename {name}" }).ClickAsync();
        await page.GetByLabel($"New name for {name}").FillAsync(name + " (renamed)");
        await researcher.ClickAsync("Save name");
        await Expect(page.Locator("[data-stimuli=changed]")).ToHaveTextAsync($"Renamed to '{name} (renamed)'.");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {name} (renamed)" }).ClickAsync();
        await ShotsAsync(page, "stimuli-delete-confirm");
        await researcher.ClickAsync("Yes, delete");
        await Expect(page.Locator("[data-stimuli=changed]")).ToHaveTextAsync($"Deleted '{name} (renamed)'.");
        await Expect(page.Locator("table.stimulus-sets tr", new() { HasText = name })).ToHaveCountAsync(0);
        await Axe.AssertCleanAsync(page);
        await Layout.AssertButtonsReadableOnHoverAsync(page);
        await using var scope = platform.Scope(out var db);
        Assert.Equal(["stimuli.rename", "stimuli.delete"],
            await db.AuditEntries.Where(a => a.Action.StartsWith("stimuli.") && a.Action != "stimuli.upload" && a.Detail!.Contains(name)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }
}
