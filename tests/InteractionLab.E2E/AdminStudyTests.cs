using System.Text.RegularExpressions;
using InteractionLab.Api.Staff;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// The researcher's side in Chromium against the real server on PostgreSQL (issue 5): sign in, build a study from
/// the empty template, preview it, launch it, and watch a participant complete it on the live overview.
/// Screenshots of every admin page visited go to <see cref="AdminBrowser.Screenshots"/>.
/// </summary>
public sealed class AdminStudyTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    private const string ResearcherPassword = "researcher-e2e-password-1";

    // The real demo model's replies are random: all a test can know in advance is that one shows something.
    private static readonly Regex VisibleText = new(@"\S");

    private static string Unique(string stem) => $"{stem}-{Guid.NewGuid():N}"[..(stem.Length + 9)];

    [Fact]
    public async Task AResearcherBuildsPreviewsAndLaunchesAStudyAndSeesAParticipantCompleteItLive()
    {
        var researcherName = Unique("researcher");
        var oneTimePassword = await platform.CreateStaffWithOneTimePasswordAsync(researcherName, StaffRoles.Researcher);
        await using var researcher = await platform.NewStaffBrowserAsync();

        // A one-time password holds the researcher on the change-password page until they choose their own.
        await researcher.SignInAsync(researcherName, oneTimePassword, screenshot: "01-login");
        await Expect(researcher.Page).ToHaveURLAsync(new Regex("/admin/account/password"));
        await Expect(researcher.Page.GetByText("You signed in with a one-time password.")).ToBeVisibleAsync();
        await researcher.ScreenshotAsync("02-change-password");
        await researcher.ChangePasswordAsync(oneTimePassword, ResearcherPassword);
        await Expect(researcher.Page).ToHaveURLAsync(new Regex("/admin$"));

        await researcher.Page.GotoAsync("admin/studies");
        await Expect(researcher.Page.GetByText("You have no studies yet.")).ToBeVisibleAsync();
        await researcher.ScreenshotAsync("03-studies-empty");
        await researcher.Page.GetByRole(AriaRole.Link, new() { Name = "New study" }).ClickAsync();

        // New study from the empty template.
        var slug = Unique("e2e-admin");
        await Expect(researcher.Heading).ToHaveTextAsync("New study");
        await researcher.WaitUntilInteractiveAsync("#new-slug");
        await researcher.SetAsync("#new-title", "Talking about a new city");
        await researcher.SetAsync("#new-slug", slug);
        await Expect(researcher.Page.Locator("#template-empty")).ToBeCheckedAsync();
        await researcher.ScreenshotAsync("04-new-study");
        await researcher.ClickAsync("Create study");
        await researcher.Page.WaitForURLAsync(new Regex("/admin/studies/[0-9a-f-]{36}/edit$"));
        var studyId = Guid.Parse(new Uri(researcher.Page.Url).Segments[^2].TrimEnd('/'));

        await BuildStudyAsync(researcher);
        Assert.Equal(StudyStatus.Draft, await StatusOfAsync(studyId));
        await ExpectSavedConfigAsync(studyId);

        await PreviewAsync(researcher, studyId);

        // Launch from the overview, behind its confirmation.
        await researcher.Page.GotoAsync($"admin/studies/{studyId}");
        await Expect(researcher.Heading).ToHaveTextAsync("Talking about a new city");
        await researcher.WaitUntilInteractiveAsync(".lifecycle-buttons button");
        await researcher.ClickAsync("Launch");
        await Expect(researcher.Page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("Anyone with the study link can consent");
        await researcher.ScreenshotAsync("08-launch-confirm");
        await researcher.ClickAsync("Yes, launch");
        await Expect(researcher.Page.Locator(".study-meta .status")).ToHaveTextAsync("Open");
        await Expect(researcher.Page.Locator("[data-stat=completed]")).ToHaveTextAsync(new Regex(@"^0\b"));
        Assert.Equal(StudyStatus.Open, await StatusOfAsync(studyId));
        await researcher.ScreenshotAsync("09-overview-launched");

        // A participant completes it while the researcher's overview stays open; a marker on the page's window
        // shows afterwards that the numbers changed without a reload.
        await researcher.Page.EvaluateAsync("() => window.ilNotReloaded = true");
        await using (var participant = await platform.NewParticipantAsync())
        {
            await StartAsParticipantAsync(participant, slug);
            await Expect(researcher.Page.Locator("[data-stat=in-progress]")).ToHaveTextAsync("1");
            await researcher.ScreenshotAsync("10a-overview-in-progress-live");
            await FinishAsParticipantAsync(participant);
        }
        await Expect(researcher.Page.Locator("[data-stat=completed]")).ToHaveTextAsync(new Regex(@"^1\b"));
        await Expect(researcher.Page.Locator("[data-stat=total]")).ToHaveTextAsync("1");
        await Expect(researcher.Page.Locator("table.data-table tbody tr")).ToHaveCountAsync(1);
        await Expect(researcher.Page.Locator("table.data-table tbody tr td").Nth(2)).ToHaveTextAsync("Completed");
        Assert.True(await researcher.Page.EvaluateAsync<bool>("() => window.ilNotReloaded === true"));
        await researcher.ScreenshotAsync("10-overview-completed-live");
        await using (platform.Scope(out var db))
        {
            var session = await db.Sessions.AsNoTracking().SingleAsync(x => x.StudyId == studyId);
            Assert.Equal(SessionStatus.Completed, session.Status);
            Assert.Equal(2, await db.SurveyResponses.CountAsync(r => r.SessionId == session.Id && r.StageKey == "survey"));
            var launch = await db.AuditEntries.SingleAsync(e => e.StudyId == studyId && e.Action == "study.launch");
            Assert.Equal(researcherName, launch.Actor);
        }

        // The study list shows the launched study with its session.
        await researcher.Page.GotoAsync("admin/studies");
        var row = researcher.Page.Locator($"tr[data-study='{slug}']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Open");
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("1");
        await researcher.ScreenshotAsync("11-studies-list");

        // An admin sees the researcher's account on the users page.
        var adminName = Unique("admin");
        await platform.CreateStaffAsync(adminName, StaffRoles.Admin, ResearcherPassword);
        await using var admin = await platform.NewStaffBrowserAsync();
        await admin.SignInAsync(adminName, ResearcherPassword);
        await admin.Page.GotoAsync("admin/users");
        await admin.WaitUntilInteractiveAsync("#new-user-name");
        await Expect(admin.Page.Locator($"tr[data-user='{researcherName}'] .state")).ToBeVisibleAsync();
        await admin.ScreenshotAsync("12-users");
    }

    [Fact]
    public async Task AnAnnotatorSigningInIsDeniedTheStudiesPage()
    {
        var name = Unique("annotator");
        await platform.CreateStaffAsync(name, StaffRoles.Annotator, ResearcherPassword);
        await using var annotator = await platform.NewStaffBrowserAsync();
        await annotator.SignInAsync(name, ResearcherPassword);
        await Expect(annotator.Page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(annotator.Page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Studies" }))
            .ToHaveCountAsync(0);

        await annotator.Page.GotoAsync("admin/studies");

        await Expect(annotator.Page).ToHaveURLAsync(new Regex("/admin/denied"));
        await Expect(annotator.Heading).ToHaveTextAsync("Not allowed");
        await Expect(annotator.Page.Locator("main")).Not.ToContainTextAsync("New study");
        await annotator.ScreenshotAsync("13-annotator-denied");
    }

    // The builder: an instructions stage, a social-dialogue task, a survey with a Likert and a yes/no question, and
    // the one condition on the in-process demo model; then save.
    private static async Task BuildStudyAsync(AdminBrowser researcher)
    {
        await researcher.WaitUntilInteractiveAsync(".add-stage");
        await Expect(researcher.Page.Locator("li.stage")).ToHaveCountAsync(2); // consent and debrief

        await researcher.SelectAsync("#new-stage-kind", nameof(StageKind.Instructions));
        await researcher.ClickAsync("Add stage");
        await Expect(researcher.Page.Locator("li.stage")).ToHaveCountAsync(3);
        await researcher.Page.Locator("#stage1-title").FillAsync("How this works");
        await researcher.SetAsync("#stage1-body", "You will chat with a chatbot for a few minutes.\n\nThen we ask two questions.");

        // The social dialogue from the task catalog's template: its demo scenarios and its questionnaire come along.
        await researcher.SelectAsync("#new-stage-kind", "task:social-dialogue");
        await researcher.ClickAsync("Add stage");
        await Expect(researcher.Page.Locator("li.stage")).ToHaveCountAsync(5);
        await Expect(researcher.Page.Locator("#stage2-stimuli-demo-dialogue-scenarios")).ToBeCheckedAsync();
        await researcher.ClickAsync("Remove stage social-dialogue-survey"); // this study asks its own two questions
        await Expect(researcher.Page.Locator("li.stage")).ToHaveCountAsync(4);
        await researcher.Page.Locator("#stage2-title").FillAsync("Chat");
        await Expect(researcher.Page.Locator("#stage2-type")).ToHaveValueAsync("social-dialogue");
        await researcher.Page.Locator("#stage2-stimuli-none").CheckAsync();
        await researcher.SetAsync("#stage2-scenarios", "You just moved to a new city.");
        await researcher.SetAsync("#stage2-minturns", "1");

        await researcher.SelectAsync("#new-stage-kind", nameof(StageKind.Survey));
        await researcher.ClickAsync("Add stage");
        await Expect(researcher.Page.Locator("li.stage")).ToHaveCountAsync(5);
        await researcher.Page.Locator("#stage3-title").FillAsync("About the chat");
        await Expect(researcher.Page.Locator("#stage3-q0-kind")).ToHaveValueAsync(nameof(SurveyItemKind.Likert));
        await researcher.Page.Locator("#stage3-q0-prompt").FillAsync("The chatbot was easy to talk to.");
        await researcher.Page.Locator("#stage3-q0-minlabel").FillAsync("Disagree");
        await researcher.Page.Locator("#stage3-q0-maxlabel").FillAsync("Agree");
        await researcher.SelectAsync("#stage3-newkind", nameof(SurveyItemKind.YesNo));
        await researcher.Page.Locator("li.stage[data-stage=survey] .add-question").ClickAsync();
        await Expect(researcher.Page.Locator("#stage3-q1-kind")).ToHaveValueAsync(nameof(SurveyItemKind.YesNo));
        await researcher.Page.Locator("#stage3-q1-prompt").FillAsync("Would you talk to it again?");

        await researcher.ScreenshotAsync("05-builder-stages");
        await researcher.Page.Locator("#tab-conditions").ClickAsync();
        await Expect(researcher.Page.Locator("fieldset.condition")).ToHaveCountAsync(1);
        await researcher.SelectAsync("#cond0-endpoint", "local");
        await researcher.SetAsync("#cond0-model", "demo-chat");
        await Expect(researcher.Page.Locator("#cond0-model-check")).ToHaveTextAsync("✓ local serves demo-chat.");
        await researcher.ScreenshotAsync("05-builder");

        // A value the platform refuses is named beside its own field, not only at the top of the condition.
        var maxTokens = await researcher.Page.Locator("#cond0-maxtok").InputValueAsync();
        await researcher.SetAsync("#cond0-maxtok", "5000");
        await researcher.Page.Locator("button.save").ClickAsync();
        await Expect(researcher.Page.Locator("#cond0-maxtok ~ .field-error")).ToContainTextAsync("max tokens must be between 1 and 4096");
        await researcher.Page.SetViewportSizeAsync(1366, 768);
        await researcher.Page.Locator("#cond0-maxtok").ScrollIntoViewIfNeededAsync();
        await researcher.ScreenshotAsync("05b-builder-field-error");
        await researcher.Page.SetViewportSizeAsync(390, 844);
        await researcher.Page.Locator("#cond0-maxtok").ScrollIntoViewIfNeededAsync();
        await researcher.ScreenshotAsync("05b-builder-field-error-phone");
        await researcher.Page.SetViewportSizeAsync(1366, 900);
        await researcher.SetAsync("#cond0-maxtok", maxTokens);

        await researcher.Page.Locator("button.save").ClickAsync();
        await Expect(researcher.Page.Locator(".save-status")).ToContainTextAsync("Saved");
        await Expect(researcher.Page.Locator(".error-summary")).ToHaveCountAsync(0);
        await researcher.Page.Locator("#tab-stages").ClickAsync();
        await Expect(researcher.Page.Locator("li.stage h3")).ToHaveTextAsync(
            ["Consent Consent", "Instructions How this works", "Task Chat", "Survey About the chat", "Debrief Thank you!"]);
    }

    // The preview walks the study with the real model and leaves no trace in the data.
    private async Task PreviewAsync(AdminBrowser researcher, Guid studyId)
    {
        await researcher.Page.GotoAsync($"admin/studies/{studyId}/preview");
        await Expect(researcher.Page.Locator(".preview-banner")).ToContainTextAsync("Preview — nothing is saved.");
        await researcher.WaitUntilInteractiveAsync("form.preview-setup"); // the start button submits this form
        await Expect(researcher.Page.Locator("#preview-condition")).ToContainTextAsync("local / demo-chat");
        await researcher.ScreenshotAsync("06-preview-start");
        await researcher.ClickAsync("Agree and start the preview");

        var preview = new ParticipantBrowser(researcher.Page.Context, researcher.Page);
        await preview.WaitUntilInteractiveAsync();
        await Expect(preview.Heading).ToHaveTextAsync("How this works");
        await preview.ClickAsync("Continue");
        await preview.WaitForStageAsync("Chat");
        await preview.TypeAndSendAsync("Hello! Any tips for a newcomer?");
        await preview.WaitForRepliesAsync(1);
        await Expect(preview.ModelReplies.First).ToHaveTextAsync(VisibleText);
        await Expect(researcher.Page.Locator(".preview-banner")).ToBeVisibleAsync();
        await researcher.ScreenshotAsync("07-preview-reply");

        await using var scope = platform.Scope(out var db);
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.StudyId == studyId));
    }

    private static async Task StartAsParticipantAsync(ParticipantBrowser participant, string slug)
    {
        await participant.Page.GotoAsync($"s/{slug}");
        await participant.ClickAsync("I agree");
        await participant.WaitUntilInteractiveAsync();
        await Expect(participant.Heading).ToHaveTextAsync("How this works");
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Chat");
    }

    private static async Task FinishAsParticipantAsync(ParticipantBrowser participant)
    {
        await participant.TypeAndSendAsync("Hi! I just moved here.");
        await participant.WaitForRepliesAsync(1);
        await participant.ClickAsync("End conversation");
        await participant.WaitForStageAsync("About the chat");
        await participant.Page.Locator("#q1-4").CheckAsync();
        await participant.Page.Locator("fieldset[data-item=q2]").GetByLabel("Yes").CheckAsync();
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Thank you!");
    }

    // What the builder saved is the study as built in the browser.
    private async Task ExpectSavedConfigAsync(Guid studyId)
    {
        await using var scope = platform.Scope(out var db);
        var json = await db.StudyVersions.Where(v => v.StudyId == studyId).OrderByDescending(v => v.Number)
            .Select(v => v.ConfigJson).FirstAsync();
        var config = ConfigHash.Parse(json);
        Assert.Equal("Talking about a new city", config.Title);
        Assert.Equal([StageKind.Consent, StageKind.Instructions, StageKind.Task, StageKind.Survey, StageKind.Debrief],
            config.Stages.Select(x => x.Kind));
        var task = config.Stages[2].Task!;
        Assert.Equal(("social-dialogue", 1), (task.Type, task.MinTurns));
        Assert.Equal(["You just moved to a new city."], task.Scenarios);
        Assert.Equal([(SurveyItemKind.Likert, "The chatbot was easy to talk to."), (SurveyItemKind.YesNo, "Would you talk to it again?")],
            config.Stages[3].Survey!.Items.Select(i => (i.Kind, i.Prompt)));
        var condition = Assert.Single(config.Conditions);
        Assert.Equal(("local", "demo-chat"), (condition.Model.Endpoint, condition.Model.Model));
    }

    private async Task<StudyStatus> StatusOfAsync(Guid studyId)
    {
        await using var scope = platform.Scope(out var db);
        return await db.Studies.Where(s => s.Id == studyId).Select(s => s.Status).SingleAsync();
    }
}
