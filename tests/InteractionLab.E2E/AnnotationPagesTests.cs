using System.Text;
using System.Text.RegularExpressions;
using InteractionLab.Api.Staff;
using InteractionLab.E2E.Infrastructure;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// Third-party ratings in Chromium against the real server: a researcher makes HALIE's summary project from a finished
/// study, three annotators in separate browsers rate every summary with the keyboard only, a reviewer adjudicates the
/// one item they disagree on, and the project page shows alpha with its interval. Screenshots at 1366×768 and
/// 390×844 go to <see cref="AdminBrowser.Screenshots"/>.
/// </summary>
public sealed class AnnotationPagesTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string Password = "annotation-e2e-pass-01";
    private const string ProlificPid = "5f0c1a2b3c4d5e6f7a8b9c0d";

    // What each annotator answers per artifact, as keys: consistent (1 yes, 2 no), coherent (1–5), relevant (1–5).
    // Everyone agrees except rater-3 on the edited harbour summary (consistent: yes where the others say no, a 2–1
    // split = disagreement 1/3, above the template's 0.3), and rater-2 gives coherent 4 where the others give 5
    // (a range of 1 on 1–5 = 0.25, below it): exactly one item goes to review.
    private static string Keys(string rater, string artifact) => (rater, artifact) switch
    {
        ("rater-3", "harbour-ferry:edited") => "121",
        (_, "harbour-ferry:edited" or "library-hours:edited") => "221",
        ("rater-2", _) => "144",
        _ => "154",
    };

    [Fact]
    public async Task ThreeAnnotatorsRateByKeyboardAReviewerAdjudicatesAndTheProjectPageShowsAlphaWithItsInterval()
    {
        await platform.CreateStaffAsync("e2e", StaffRoles.Researcher, Password);
        foreach (var rater in new[] { "rater-1", "rater-2", "rater-3" }) await platform.CreateStaffAsync(rater, StaffRoles.Annotator, Password);
        await platform.CreateStaffAsync("reviewer-1", StaffRoles.Reviewer, Password);
        var studyId = await platform.StudyIdAsync(await platform.CreateStudyAsync(c => FinishedSessions.WithSummaryStage(RevealingStudy.Apply(c))));
        var chat = new[] { "Hello, I am Jo.", "Hi Jo, nice to meet you.", "Do you like ferries?", "I do, they are calm." };
        var sessions = new[]
        {
            await platform.FinishedSessionAsync(studyId, "warm-persona", chat,
                [("harbour-ferry", "The ferry is back.", "The island ferry is back after repairs.")], ProlificPid, RevealingStudy.Model),
            await platform.FinishedSessionAsync(studyId, "cool-persona", chat,
                [("library-hours", "The library opens late.", "The central library stays open later in the evening.")], model: RevealingStudy.Model),
        };

        // The researcher makes the ready-made HALIE summary project; the finished sessions' summaries flow in.
        await using var researcher = await platform.NewStaffBrowserAsync(1366, 768);
        await researcher.SignInAsync("e2e", Password);
        await researcher.Page.GotoAsync($"admin/studies/{studyId}/annotation");
        await researcher.WaitUntilInteractiveAsync("section.new-project button.btn");
        await researcher.ScreenshotAsync("annotation-01-projects-1366");
        await researcher.ClickAsync("Create project");
        await researcher.Page.WaitForURLAsync(url => url.Contains("/annotation/", StringComparison.Ordinal));
        var projectId = Guid.Parse(researcher.Page.Url.Split('/')[^1]);
        await Expect(researcher.Page.Locator("[data-progress]")).ToContainTextAsync("0 of 4");
        Dictionary<Guid, string> artifacts;
        await using (var scope = platform.Scope(out var db))
            artifacts = await db.AnnotationItems.Where(i => i.ProjectId == projectId).ToDictionaryAsync(i => i.PublicId, i => i.ArtifactKey!);

        // Everything the annotators' browsers receive: page HTML and every frame of the circuit.
        var received = new StringBuilder();
        await RateAllAsync("rater-1", 1366, 768, projectId, artifacts, received, reload: true);
        await RateAllAsync("rater-2", 1366, 768, projectId, artifacts, received, reload: false);
        await RateAllAsync("rater-3", 390, 844, projectId, artifacts, received, reload: false);
        var seen = received.ToString();
        Assert.Contains("The island ferry is back after repairs.", seen); // the scan sees what annotators read
        foreach (var secret in RevealingStudy.Words.Concat([ProlificPid, .. sessions.Select(s => s.ToString())]))
            Assert.DoesNotContain(secret, seen, StringComparison.OrdinalIgnoreCase);

        // The reviewer gets the one disputed item, sees the raters only as A1…A3, and adjudicates it (on the laptop,
        // after looking at it on the phone).
        foreach (var (width, height) in new[] { (390, 844), (1366, 768) })
        {
            await using var reviewer = await platform.NewStaffBrowserAsync(width, height);
            await reviewer.SignInAsync("reviewer-1", Password);
            await reviewer.Page.GotoAsync($"review/{projectId}");
            await reviewer.WaitUntilInteractiveAsync("[data-review-item]");
            await Expect(reviewer.Page.Locator("[data-review-item]")).ToHaveCountAsync(1);
            await reviewer.Page.Locator("[data-review-item]").ClickAsync();
            await Expect(reviewer.Page.Locator(".review-table thead")).ToContainTextAsync("A1");
            await Expect(reviewer.Page.Locator(".review-table thead")).ToContainTextAsync("A3");
            await Expect(reviewer.Page.Locator(".review-item")).ToContainTextAsync("The island ferry is back after repairs.");
            Assert.DoesNotContain("rater-", await reviewer.Page.ContentAsync(), StringComparison.Ordinal);
            await reviewer.ScreenshotAsync($"annotation-04-review-{width}");
            await Layout.AssertNoSidewaysScrollAsync(reviewer.Page);
            if (width == 1366)
            {
                await reviewer.SelectAsync("tr[data-decision^='consistent'] select", "no");
                await reviewer.SetAsync("#review-note", "The document does not say the repairs took the winter.");
                await reviewer.ClickAsync("Save adjudication");
                await Expect(reviewer.Page.Locator("[data-saved]")).ToBeVisibleAsync();
                await Expect(reviewer.Page.Locator("[data-queue-empty]")).ToBeVisibleAsync();
                await reviewer.ScreenshotAsync("annotation-05-review-saved-1366");
            }
        }
        await using (var scope = platform.Scope(out var db))
        {
            var adjudication = await db.AnnotationAdjudications.SingleAsync(a => a.ProjectId == projectId);
            Assert.Equal(("consistent", "no", "reviewer-1"), (adjudication.QuestionKey, adjudication.Value, adjudication.Reviewer));
            Assert.Equal(36, await db.AnnotationRatings.CountAsync(r => r.ProjectId == projectId));
        }

        // The project page shows every item complete and alpha per question with its 95% interval.
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await using var page = await platform.NewStaffBrowserAsync(width, height);
            await page.SignInAsync("e2e", Password);
            await page.Page.GotoAsync($"admin/studies/{studyId}/annotation/{projectId}");
            await Expect(page.Page.Locator("[data-progress]")).ToContainTextAsync("4 of 4");
            var coherent = page.Page.Locator("[data-agreement] tr[data-question='coherent']");
            await Expect(coherent.Locator("[data-alpha]")).ToHaveTextAsync(new Regex(@"^0\.\d{3}$"));
            await Expect(coherent.Locator("[data-interval]")).ToHaveTextAsync(new Regex(@"^\[-?\d\.\d{3}, \d\.\d{3}\]$"));
            await Expect(page.Page.Locator("[data-agreement] tr[data-question='consistent'] [data-alpha]")).ToHaveTextAsync(new Regex(@"^0\.\d{3}$"));
            await page.ScreenshotAsync($"annotation-07-project-{width}");
            await Layout.AssertNoSidewaysScrollAsync(page.Page);
        }

        // The results page puts the participants' own "consistent" beside the raters': both participants said yes to
        // both summaries; the raters said yes to the drafts and (2 of 3 on harbour, 3 of 3 on library) no to the edits.
        // warm: participant [1, 1] = 1.00 ± 0.00; annotators [1, 1/3]: mean 0.667, SD (2/3)/√2 = 0.471, SE 0.471/√2 = 0.333.
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await using var page = await platform.NewStaffBrowserAsync(width, height);
            await page.SignInAsync("e2e", Password);
            await page.Page.GotoAsync($"admin/studies/{studyId}/results");
            var warm = page.Page.Locator("[data-results='rating-sources'] article[data-question='consistent'] tr[data-condition='warm-persona'] td");
            await Expect(warm).ToHaveTextAsync(["1.00 ± 0.00 (2)", "0.67 ± 0.33 (2)", "— (0)"]);
            await Expect(page.Page.Locator("[data-results='rating-sources'] article[data-question='coherent']")).ToHaveCountAsync(0);
            await page.ScreenshotAsync($"annotation-08-results-{width}");
            await page.Page.Locator("[data-results='rating-sources']").ScreenshotAsync(
                new() { Path = Path.Combine(AdminBrowser.Screenshots, $"annotation-09-results-sources-{width}.png") });
            await Layout.AssertNoSidewaysScrollAsync(page.Page);
        }
    }

    // One annotator rates every item of the project with the keyboard only. With reload, the first item is half
    // filled, the page reloaded, and the half-filled answer must still be there.
    private async Task RateAllAsync(string rater, int width, int height, Guid projectId, IReadOnlyDictionary<Guid, string> artifacts,
        StringBuilder received, bool reload)
    {
        await using var browser = await platform.NewStaffBrowserAsync(width, height);
        browser.Page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            lock (received) received.Append(frame.Binary is { } bytes ? Encoding.UTF8.GetString(bytes) : frame.Text);
        };
        await browser.SignInAsync(rater, Password);
        await browser.Page.GotoAsync($"annotate/{projectId}");
        var keys = browser.Page.Locator("body[data-annotator-keys='on']");
        await Expect(keys).ToHaveCountAsync(1);
        for (var done = 0; done < artifacts.Count; done++)
        {
            var item = browser.Page.Locator("[data-item-id]");
            var answers = Keys(rater, artifacts[Guid.Parse((await item.GetAttributeAsync("data-item-id"))!)]);
            if (reload && done == 0)
            {
                await browser.Page.Keyboard.PressAsync(answers[..1]);
                await Expect(browser.Page.Locator("[data-question='consistent'] input:checked")).ToHaveCountAsync(1);
                await browser.Page.ReloadAsync();
                await Expect(keys).ToHaveCountAsync(1);
                await Expect(browser.Page.Locator("[data-question='consistent'] input:checked")).ToHaveValueAsync(answers[0] == '1' ? "yes" : "no");
                await browser.Page.Keyboard.PressAsync("g");
                await Expect(browser.Page.Locator("[data-guidelines]")).ToContainTextAsync("Judge only the summary");
                await browser.ScreenshotAsync($"annotation-02-guidelines-{width}");
                await browser.Page.Keyboard.PressAsync("Escape");
                await Expect(browser.Page.Locator("[data-guidelines]")).ToHaveCountAsync(0);
                answers = answers[1..];
            }
            foreach (var key in answers) await browser.Page.Keyboard.PressAsync(key.ToString());
            if (done == 1)
            {
                await browser.ScreenshotAsync($"annotation-03-workspace-{rater}-{width}");
                await Layout.AssertNoSidewaysScrollAsync(browser.Page);
            }
            await browser.Page.Keyboard.PressAsync("Enter");
            await Expect(browser.Page.Locator("[data-progress]")).ToContainTextAsync($"{done + 1} done");
            var html = await browser.Page.ContentAsync();
            lock (received) received.Append(html);
        }
        await Expect(browser.Page.Locator("[data-finished]")).ToBeVisibleAsync();
        await browser.ScreenshotAsync($"annotation-06-finished-{rater}-{width}");
    }
}
