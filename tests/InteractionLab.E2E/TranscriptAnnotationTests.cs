using System.Text.RegularExpressions;
using InteractionLab.Api.Staff;
using InteractionLab.E2E.Infrastructure;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// Third-party ratings of whole dialogue transcripts in Chromium against the real server, in the shape of
/// <see cref="AnnotationPagesTests"/> (which rates summaries): a researcher makes the ready-made transcript project
/// from a finished study, three annotators in separate browsers mark AI replies and rate each conversation by keyboard,
/// a reviewer adjudicates the one disagreement, the project page shows alpha with its interval, and an LM judge on
/// the real ONNX demo model runs from the same page with its progress, samples and agreement. Screenshots at
/// 1366×768 and 390×844 go to <see cref="AdminBrowser.Screenshots"/>.
/// </summary>
public sealed class TranscriptAnnotationTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string Password = "transcript-e2e-pass-01";

    private static readonly string[][] Dialogues =
    [
        ["Hello, I am Jo.", "Hi Jo, nice to meet you.", "Do you like ferries?", "I do, they are calm."],
        ["Good morning.", "Morning! How did you sleep?", "Badly, the neighbours were loud.", "Purple elephants sing at noon."],
        ["Can you recommend a book?", "Try a short mystery novel.", "Which one?", "Any Agatha Christie paperback will do."],
    ];

    // Keys per annotator and transcript (by its first line) for fluency, sensible and specific (1–5). Everyone agrees
    // except rater-3, who gives the ferry chat fluency 1 where the others give 4 (a range of 3 on 1–5 = 0.75, above
    // the template's 0.3: review), and rater-2, who gives the neighbours chat specific 3 where the others give 2
    // (a range of 1 = 0.25, below it): exactly one item goes to review. Fluency then has units [4,4,1], [2,2,2],
    // [5,5,5], so its alpha is defined and below 1.
    private static string Keys(string rater, string firstLine) => (rater, firstLine) switch
    {
        ("rater-3", "Hello, I am Jo.") => "144",
        (_, "Hello, I am Jo.") => "444",
        ("rater-2", "Good morning.") => "233",
        (_, "Good morning.") => "232",
        _ => "555",
    };

    [Fact]
    public async Task ThreeAnnotatorsRateTranscriptsAReviewerAdjudicatesAndTheProjectPageShowsAlphaAndAnLmJudgeOnTheDemoModel()
    {
        await platform.CreateStaffAsync("e2e-t", StaffRoles.Researcher, Password);
        foreach (var rater in new[] { "rater-1", "rater-2", "rater-3" }) await platform.CreateStaffAsync(rater, StaffRoles.Annotator, Password);
        await platform.CreateStaffAsync("reviewer-t", StaffRoles.Reviewer, Password);
        var studyId = await platform.StudyIdAsync(await platform.CreateStudyAsync(RevealingStudy.Apply, owner: "e2e-t"));
        var sessions = new List<Domain.SessionId>();
        for (var i = 0; i < Dialogues.Length; i++)
            sessions.Add(await platform.FinishedSessionAsync(studyId, i % 2 == 0 ? "warm-persona" : "cool-persona", Dialogues[i], model: RevealingStudy.Model));

        await using var researcher = await platform.NewStaffBrowserAsync(1366, 768);
        await researcher.SignInAsync("e2e-t", Password);
        await researcher.Page.GotoAsync($"admin/studies/{studyId}/annotation");
        await researcher.WaitUntilInteractiveAsync("section.new-project button.btn");
        await researcher.Page.Locator("input[name='template'][value='dialogue-transcripts']").CheckAsync();
        await researcher.ClickAsync("Create project");
        await researcher.Page.WaitForURLAsync(url => url.Contains("/annotation/", StringComparison.Ordinal));
        var projectId = Guid.Parse(researcher.Page.Url.Split('/')[^1]);
        await Expect(researcher.Page.Locator("[data-progress]")).ToContainTextAsync("0 of 3");

        await RateAllAsync("rater-1", 1366, 768, projectId);
        await RateAllAsync("rater-2", 1366, 768, projectId);
        await RateAllAsync("rater-3", 390, 844, projectId);

        // The reviewer gets the ferry chat (fluency 4, 4, 1), reads it with who said what, and settles it at 4.
        await using (var reviewer = await platform.NewStaffBrowserAsync(1366, 768))
        {
            await reviewer.SignInAsync("reviewer-t", Password);
            await reviewer.Page.GotoAsync($"review/{projectId}");
            await reviewer.WaitUntilInteractiveAsync("[data-review-item]");
            await Expect(reviewer.Page.Locator("[data-review-item]")).ToHaveCountAsync(1);
            await reviewer.Page.Locator("[data-review-item]").ClickAsync();
            await Expect(reviewer.Page.Locator(".review-item")).ToContainTextAsync("I do, they are calm.");
            await Expect(reviewer.Page.Locator("tr[data-decision^='fluency']")).ToHaveClassAsync(new Regex("disputed"));
            await reviewer.SelectAsync("tr[data-decision^='fluency'] select", "4");
            await reviewer.SetAsync("#review-note", "Two raters found the replies fluent; the third misread the reply.");
            await reviewer.ClickAsync("Save adjudication");
            await Expect(reviewer.Page.Locator("[data-saved]")).ToBeVisibleAsync();
            await reviewer.ScreenshotAsync("transcripts-03-review-1366");
        }
        await using (var scope = platform.Scope(out var db))
        {
            var adjudication = await db.AnnotationAdjudications.SingleAsync(a => a.ProjectId == projectId);
            Assert.Equal(("fluency", "4", "reviewer-t"), (adjudication.QuestionKey, adjudication.Value, adjudication.Reviewer));
            // Per rater and transcript: 3 scales + 3 marks on each of the 2 AI replies.
            Assert.Equal(3 * 3 * (3 + 3 * 2), await db.AnnotationRatings.CountAsync(r => r.ProjectId == projectId));
            Assert.Equal(3 * 3, await db.AnnotationRatings.CountAsync(r => r.ProjectId == projectId && r.QuestionKey == "no-sense" && r.Value == "true"));
        }

        // The project page: every transcript complete, alpha with its interval; then an LM judge on the demo model.
        await researcher.Page.ReloadAsync();
        await researcher.WaitUntilInteractiveAsync("#judge-seed");
        await Expect(researcher.Page.Locator("[data-progress]")).ToContainTextAsync("3 of 3");
        var fluency = researcher.Page.Locator("[data-agreement] tr[data-question='fluency']");
        await Expect(fluency.Locator("[data-alpha]")).ToHaveTextAsync(new Regex(@"^-?0\.\d{3}$"));
        await Expect(fluency.Locator("[data-interval]")).ToHaveTextAsync(new Regex(@"^\[-?\d\.\d{3}, -?\d\.\d{3}\]$"));
        await Expect(researcher.Page.Locator("#judge-model")).ToHaveValueAsync("local/demo-chat");
        await researcher.SetAsync("#judge-seed", "11");
        await researcher.ClickAsync("Start judge");
        // The demo model reads at most 1,024 tokens and a transcript's prompt (guidelines, six questions, the conversation)
        // is longer: the run goes through every item, sends none of them, and says so item by item instead of failing.
        await Expect(researcher.Page.Locator(".judge-status")).ToHaveTextAsync(new Regex("^Done.*3 item\\(s\\) are longer than the model's context window \\(1024 tokens"),
            new() { Timeout = 120_000 });
        Assert.Equal("3", await researcher.Page.Locator("#judge-bar").GetAttributeAsync("max"));
        await Expect(researcher.Page.Locator("[data-judge='local/demo-chat']")).ToContainTextAsync("0 items rated");
        await Expect(researcher.Page.Locator("[data-judge='local/demo-chat'] tr[data-question='fluency'] [data-alpha]")).ToHaveTextAsync("not defined");
        await Expect(researcher.Page.Locator("[data-sample]")).ToHaveCountAsync(3);
        await researcher.Page.Locator("[data-sample] summary").First.ClickAsync();
        var sample = researcher.Page.Locator("[data-sample]").First;
        await Expect(sample.Locator("[data-system]")).ToContainTextAsync("You rate items for a research study");
        await Expect(sample.Locator("[data-user]")).ToContainTextAsync("[turn 1] AI:");
        await Expect(sample.Locator("[data-problem]")).ToContainTextAsync("Not asked: the item's prompt has");
        await Expect(sample.Locator("summary")).ToContainTextAsync("seed 11");
        await researcher.ScreenshotAsync("transcripts-04-project-1366");
        await researcher.Page.Locator("[data-judges]").ScreenshotAsync(new() { Path = Path.Combine(AdminBrowser.Screenshots, "transcripts-05-judges-1366.png") });
        await Layout.AssertNoSidewaysScrollAsync(researcher.Page);

        await using var phone = await platform.NewStaffBrowserAsync(390, 844);
        await phone.SignInAsync("e2e-t", Password);
        await phone.Page.GotoAsync($"admin/studies/{studyId}/annotation/{projectId}");
        await Expect(phone.Page.Locator("[data-agreement] tr[data-question='fluency'] [data-interval]")).ToHaveTextAsync(new Regex(@"^\[-?\d\.\d{3}, -?\d\.\d{3}\]$"));
        await Expect(phone.Page.Locator("[data-judge='local/demo-chat']")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("transcripts-04-project-390");
        await phone.Page.Locator("[data-judges]").ScreenshotAsync(new() { Path = Path.Combine(AdminBrowser.Screenshots, "transcripts-05-judges-390.png") });
        await Layout.AssertNoSidewaysScrollAsync(phone.Page);
    }

    // One annotator rates every transcript: ticks "made no sense" on the second AI reply by mouse, the three scales by keys.
    private async Task RateAllAsync(string rater, int width, int height, Guid projectId)
    {
        await using var browser = await platform.NewStaffBrowserAsync(width, height);
        await browser.SignInAsync(rater, Password);
        await browser.Page.GotoAsync($"annotate/{projectId}");
        await Expect(browser.Page.Locator("body[data-annotator-keys='on']")).ToHaveCountAsync(1);
        for (var done = 0; done < Dialogues.Length; done++)
        {
            var first = (await browser.Page.Locator("[data-turn='0'] .said").TextContentAsync())!.Trim();
            await Expect(browser.Page.Locator("li.turn.ai")).ToHaveCountAsync(2);
            await Expect(browser.Page.Locator("li.turn.person .who").First).ToHaveTextAsync("Person");
            await browser.Page.Locator("#mark-3-no-sense").CheckAsync();
            await Expect(browser.Page.Locator("#mark-3-no-sense")).ToBeCheckedAsync();
            foreach (var key in Keys(rater, first)) await browser.Page.Keyboard.PressAsync(key.ToString());
            if (done == 0)
            {
                await browser.ScreenshotAsync($"transcripts-01-workspace-{rater}-{width}");
                await Layout.AssertNoSidewaysScrollAsync(browser.Page);
            }
            await browser.Page.Keyboard.PressAsync("Enter");
            await Expect(browser.Page.Locator("[data-progress]")).ToContainTextAsync($"{done + 1} done");
        }
        await Expect(browser.Page.Locator("[data-finished]")).ToBeVisibleAsync();
    }
}
