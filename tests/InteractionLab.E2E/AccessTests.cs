using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InteractionLab.E2E;

/// <summary>
/// Access and hardening in a real browser (issue 13 items 6, 7, 8, 12; issue 14 item 3): pages work under the
/// Content-Security-Policy, a disabled researcher's open page cannot act, and a participant who comes back gets
/// their code — in the same browser without the consent form, on a phone with their resume code.
/// </summary>
public sealed class AccessTests(BrowserPlatform platform) : IClassFixture<BrowserPlatform>
{
    [Fact]
    public async Task ParticipantAndAdminPagesWorkUnderTheContentSecurityPolicyWithNothingBlocked()
    {
        var slug = await platform.CreateStudyAsync();
        await using var participant = await platform.NewParticipantAsync();
        var participantReports = await PolicyViolations.WatchAsync(participant.Page);
        await participant.ConsentAsync(slug, "csp-participant");
        await participant.ClickAsync("Continue");
        await participant.WaitForStageAsync("Chat");
        await participant.TypeAndSendAsync("Hello there");
        await participant.WaitForRepliesAsync(1);

        await platform.CreateStaffAsync("csp-admin", StaffRoles.Admin, "csp-admin-password-1");
        await using var admin = await platform.NewStaffBrowserAsync();
        var adminReports = await PolicyViolations.WatchAsync(admin.Page);
        await admin.SignInAsync("csp-admin", "csp-admin-password-1");
        await admin.Page.GotoAsync("admin/studies");
        await Expect(admin.Heading).ToHaveTextAsync("Studies");
        await admin.Page.GotoAsync("admin/users");
        await admin.WaitUntilInteractiveAsync("#new-user-name");
        Guid studyId;
        await using (var scope = platform.Scope(out var db))
            studyId = await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
        await admin.Page.GotoAsync($"admin/studies/{studyId}/results");
        await Expect(admin.Heading).ToBeVisibleAsync();
        await admin.Page.GotoAsync($"admin/studies/{studyId}/simulate");
        await Expect(admin.Heading).ToBeVisibleAsync();
        // Hangfire's dashboard: its script polls the stats, which it can only do if the policy let the script run.
        var polled = admin.Page.WaitForResponseAsync(r => new Uri(r.Url).AbsolutePath == "/admin/jobs/stats" && r.Status == 200);
        await admin.Page.GotoAsync("admin/jobs");
        await Expect(admin.Page.Locator("h1.page-header")).ToHaveTextAsync("Overview");
        await polled;

        Assert.Empty(participantReports.Reports);
        Assert.Empty(adminReports.Reports);
    }

    [Fact]
    public async Task ADisabledResearchersOpenPageCannotPauseTheStudyAndSoonShowsTheSignInForm()
    {
        await platform.CreateStaffAsync("gone-researcher", StaffRoles.Researcher, "gone-researcher-pw-1");
        var slug = await platform.CreateStudyAsync();
        Guid studyId, userId;
        await using (var scope = platform.Scope(out var db))
        {
            studyId = await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
            await db.Studies.Where(s => s.Id == studyId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Owner, "gone-researcher"));
            userId = await db.Users.Where(u => u.UserName == "gone-researcher").Select(u => u.Id).SingleAsync();
        }
        await using var researcher = await platform.NewStaffBrowserAsync();
        await researcher.SignInAsync("gone-researcher", "gone-researcher-pw-1");
        await researcher.Page.GotoAsync($"admin/studies/{studyId}");
        await researcher.WaitUntilInteractiveAsync(".lifecycle-buttons button");
        await researcher.ClickAsync("Pause");

        // The admin disables the account while the confirmation is on the researcher's screen.
        await using (var scope = platform.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IStaffAccounts>().LockAsync(
                new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                    [new(System.Security.Claims.ClaimTypes.Name, "e2e-admin"), new(System.Security.Claims.ClaimTypes.Role, StaffRoles.Admin)], "test")), userId);
        await researcher.ClickAsync("Yes, pause");

        // Refused where it would be saved (or, if the page was re-checked first, no longer there to click).
        await Expect(researcher.Page.Locator(".lifecycle-error, form[action='/admin/login']").First).ToBeVisibleAsync();
        await researcher.ScreenshotAsync("disabled-researcher-refused");
        // The refusal itself sends the page to the sign-in form.
        await researcher.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/login");
        await using var check = platform.Scope(out var after);
        Assert.Equal(StudyStatus.Open, (await after.Studies.SingleAsync(s => s.Id == studyId)).Status);
        Assert.False(await after.AuditEntries.AnyAsync(e => e.Actor == "gone-researcher" && e.Action == "study.pause"));
    }

    [Fact]
    public async Task AnOpenAdminPageWhoseAccountIsDisabledGoesToTheSignInFormWithoutAnyClick()
    {
        await platform.CreateStaffAsync("idle-researcher", StaffRoles.Researcher, "idle-researcher-pw-1");
        var slug = await platform.CreateStudyAsync();
        Guid studyId, userId;
        await using (var scope = platform.Scope(out var db))
        {
            studyId = await db.Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
            await db.Studies.Where(s => s.Id == studyId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Owner, "idle-researcher"));
            userId = await db.Users.Where(u => u.UserName == "idle-researcher").Select(u => u.Id).SingleAsync();
        }
        await using var researcher = await platform.NewStaffBrowserAsync();
        await researcher.SignInAsync("idle-researcher", "idle-researcher-pw-1");
        await researcher.Page.GotoAsync($"admin/studies/{studyId}");
        await researcher.WaitUntilInteractiveAsync(".lifecycle-buttons button");

        await using (var scope = platform.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IStaffAccounts>().LockAsync(
                new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                    [new(System.Security.Claims.ClaimTypes.Name, "e2e-admin"), new(System.Security.Claims.ClaimTypes.Role, StaffRoles.Admin)], "test")), userId);

        // The circuit re-checks its sign-in every 10 s and then sends the page away (it used to end the circuit with
        // "Something went wrong" instead, about one time in three); a loaded machine needs room beyond 30 s.
        await researcher.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/login", new() { Timeout = 60_000 });
        await Expect(researcher.Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task AParticipantWhoComesBackGetsTheirCodeInTheSameBrowserAndWithTheResumeCodeOnAPhone()
    {
        var slug = await platform.CreateStudyAsync(c => c with
        {
            Stages = [c.Stages[0], c.Stages[1], c.Stages[^1]],
            Recruitment = new RecruitmentConfig("BACK-AGAIN-7", Platform: RecruitmentPlatform.Prolific),
        });
        await using var laptop = await platform.NewParticipantAsync(1366, 768);
        await laptop.ConsentAsync(slug, "returning-pid", screenshot: "access-landing-1366");
        await laptop.Page.Locator("[data-resume-code] summary").ClickAsync();
        var code = (await laptop.Page.Locator("[data-resume-code-value]").TextContentAsync())!.Trim();
        await laptop.ScreenshotAsync("access-resume-code-1366");
        await laptop.ClickAsync("Continue");
        await Expect(laptop.Page.Locator("[data-completion-code]")).ToHaveTextAsync("BACK-AGAIN-7");

        // Back through the study link in the same browser: the session (and its code), never the consent form.
        await laptop.Page.GotoAsync($"s/{slug}?PROLIFIC_PID=returning-pid&STUDY_ID=study-e2e&SESSION_ID=prolific-session-1");
        await Expect(laptop.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/s/{slug}/session$"));
        await Expect(laptop.Page.Locator("[data-completion-code]")).ToHaveTextAsync("BACK-AGAIN-7");
        await Expect(laptop.Page.GetByRole(AriaRole.Button, new() { Name = "I agree" })).ToHaveCountAsync(0);
        await laptop.ScreenshotAsync("access-returning-same-browser-1366");

        // On a phone, the same Prolific link asks for the resume code instead of opening the session.
        await using var phone = await platform.NewParticipantAsync(390, 844);
        await phone.AgreeAsync(slug, "returning-pid", "prolific-session-1", screenshot: "access-landing-390");
        await Expect(phone.Heading).ToHaveTextAsync("You have already completed this study");
        await phone.ScreenshotAsync("access-resume-page-390");
        await phone.Page.GetByLabel("Resume code").FillAsync(code.ToLowerInvariant());
        await phone.ClickAsync("Continue");
        await Expect(phone.Page.Locator("[data-completion-code]")).ToHaveTextAsync("BACK-AGAIN-7");
        await phone.ScreenshotAsync("access-code-back-on-phone-390");

        await using var wrong = await platform.NewParticipantAsync(1366, 768);
        await wrong.Page.GotoAsync($"s/{slug}/resume");
        await wrong.Page.GetByLabel("Resume code").FillAsync("ABCDE-FGHJK");
        await wrong.ClickAsync("Continue");
        await Expect(wrong.Page.Locator("[data-resume-error]")).ToBeVisibleAsync();
        await wrong.ScreenshotAsync("access-resume-wrong-code-1366");
        await using var scope = platform.Scope(out var db);
        Assert.Single(await platform.SessionsOfAsync(slug, "returning-pid"));
    }
}
