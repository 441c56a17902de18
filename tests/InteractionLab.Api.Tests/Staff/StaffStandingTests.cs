using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Monitoring;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>
/// A page opened before an account changed keeps the principal it was opened with: every privileged action checks
/// again that the account still stands as signed in (issue 13 item 7), and a one-time password holds the REST API
/// too, not only the pages (issue 12).
/// </summary>
public sealed class StaffStandingTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly ClaimsPrincipal Boss = StaffTestSupport.Principal("boss", StaffRoles.Admin);

    public static TheoryData<string> Changes() => ["disable", "role", "password-reset", "delete"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task AnActionFromAPageOpenedBeforeTheAccountChangedIsRefusedAndNotAudited(string change)
    {
        var name = "r" + Guid.NewGuid().ToString("N")[..10];
        var id = await platform.Factory.CreateUserAsync(name, StaffRoles.Researcher);
        var (_, study) = await platform.CreateOwnedStudyAsync(name, StudyStatus.Open);
        // What an open admin page holds: the principal its circuit was started with.
        var page = await PrincipalAsync(id);
        await ChangeAsync(id, change);

        var refused = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            platform.WithAsync<StudyLifecycleService, Study>(s => s.PauseAsync(page, study)));

        Assert.Equal(403, refused.Status);
        Assert.Equal(StaffStanding.ChangedTitle, refused.Title);
        await using var scope = platform.Scope(out var db);
        Assert.Equal(StudyStatus.Open, (await db.Studies.SingleAsync(s => s.Id == study)).Status);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Actor == name && e.Action == "study.pause"));
    }

    [Fact]
    public async Task TheSameActionFromAnUnchangedAccountGoesThroughAndIsAudited()
    {
        var name = "r" + Guid.NewGuid().ToString("N")[..10];
        var id = await platform.Factory.CreateUserAsync(name, StaffRoles.Researcher);
        var (_, study) = await platform.CreateOwnedStudyAsync(name, StudyStatus.Open);

        var page = await PrincipalAsync(id);

        var paused = await platform.WithAsync<StudyLifecycleService, Study>(s => s.PauseAsync(page, study));

        Assert.Equal(StudyStatus.Paused, paused.Status);
        Assert.Contains(await AuditByAsync(name), e => e.Action == "study.pause");
    }

    [Fact]
    public async Task ADisabledResearchersOpenCookieIsRefusedByTheApiAtOnce()
    {
        var name = "r" + Guid.NewGuid().ToString("N")[..10];
        var id = await platform.Factory.CreateUserAsync(name, StaffRoles.Researcher);
        var (_, study) = await platform.CreateOwnedStudyAsync(name, StudyStatus.Open);
        var cookie = await platform.Factory.SignInCookieAsync(name);
        await ChangeAsync(id, "disable");

        // The cookie as the open page still holds it (a browser would drop it at the first answer, which signs it out).
        foreach (var (method, path) in new[] { ("POST", $"/api/v1/admin/studies/{study}/pause"), ("GET", "/api/v1/admin/studies"), ("GET", $"/api/v1/studies/{study}/sessions") })
        {
            using var client = platform.Factory.CreateRawClient();
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Add("Cookie", cookie);
            using var refused = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(StaffStanding.ChangedTitle, (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        }
        await using var scope = platform.Scope(out var db);
        Assert.Equal(StudyStatus.Open, (await db.Studies.SingleAsync(s => s.Id == study)).Status);
    }

    [Fact]
    public async Task AnAccountStillOnItsOneTimePasswordCannotUseTheAdminApi()
    {
        var name = "r" + Guid.NewGuid().ToString("N")[..10];
        var password = await platform.WithAsync<IStaffAccounts, string>(a => a.CreateAsync(Boss, name, StaffRoles.Admin));
        using var client = platform.Factory.CreateBrowserClient();
        using (var login = await client.PostLoginAsync(name, password))
            Assert.StartsWith("/admin/account/password", login.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var studies = await client.GetAsync("/api/v1/admin/studies");
        using var create = await client.PostAsJsonAsync("/api/v1/admin/studies", new { slug = "otp-study", config = (object?)null });
        using var users = await client.GetAsync("/api/v1/staff/users");

        foreach (var refused in new[] { studies, create, users })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Password change required", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        }
    }

    private async Task<ClaimsPrincipal> PrincipalAsync(Guid id)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        return await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByIdAsync(id.ToString()))!);
    }

    private Task ChangeAsync(Guid id, string change) => platform.WithAsync<IStaffAccounts>(a => change switch
    {
        "disable" => a.LockAsync(Boss, id),
        "role" => a.ChangeRoleAsync(Boss, id, StaffRoles.Annotator),
        "password-reset" => a.ResetPasswordAsync(Boss, id),
        _ => a.DeleteAsync(Boss, id),
    });

    private async Task<List<AuditEntry>> AuditByAsync(string actor)
    {
        await using var scope = platform.Scope(out var db);
        return await db.AuditEntries.Where(e => e.Actor == actor).ToListAsync();
    }
}
