using System.Net;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>
/// Study access through ownership and sharing: researcher B gets 404 on researcher A's study pages until A shares
/// it; a view share shows the study but does not let B manage it; only the owner or an admin changes shares.
/// </summary>
public sealed class StudySharingTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<(string A, string B, Guid Study, string Slug)> TwoResearchersAndAStudyAsync()
    {
        var a = "a" + Guid.NewGuid().ToString("N")[..10];
        var b = "b" + Guid.NewGuid().ToString("N")[..10];
        await platform.Factory.CreateUserAsync(a, StaffRoles.Researcher);
        await platform.Factory.CreateUserAsync(b, StaffRoles.Researcher);
        var (slug, id) = await platform.CreateOwnedStudyAsync(a);
        return (a, b, id, slug);
    }

    private Task ShareAsync(string actor, Guid study, string with, StudyPermission permission, string role = StaffRoles.Researcher) =>
        platform.WithAsync<IStudySharing>(s => s.ShareAsync(StaffTestSupport.Principal(actor, role), study, with, permission));

    private async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    [Fact]
    public async Task AnotherResearcherGets404OnEveryStudyPageUntilTheStudyIsSharedWithThem()
    {
        var (a, b, study, slug) = await TwoResearchersAndAStudyAsync();
        using var clientB = await platform.Factory.SignInAsync(b);
        var paths = AdminRoutes.StudyScoped.Select(r => r.Path.Replace("{study}", study.ToString(), StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(paths);
        foreach (var path in paths) Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(clientB, path));

        await ShareAsync(a, study, b, StudyPermission.Manage);

        foreach (var path in paths) Assert.Equal(HttpStatusCode.OK, await StatusAsync(clientB, path));
        var entry = Assert.Single(await platform.AuditOfAsync(slug));
        Assert.Equal((a, StaffAuditActions.StudyShare, study, $"{b}: manage"), (entry.Actor, entry.Action, entry.StudyId, entry.Detail));
    }

    [Fact]
    public async Task AViewShareShowsTheStudyButDoesNotLetTheResearcherManageIt()
    {
        var (a, b, study, _) = await TwoResearchersAndAStudyAsync();
        await ShareAsync(a, study, b, StudyPermission.View);
        using var clientB = await platform.Factory.SignInAsync(b);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(clientB, $"/admin/studies/{study}/sharing"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(clientB, $"/admin/studies/{study}/api-keys"));
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var access = scope.ServiceProvider.GetRequiredService<IStudyAccess>();
        var userB = StaffTestSupport.Principal(b, StaffRoles.Researcher);
        Assert.Contains(study, await access.Visible(db, userB).Select(s => s.Id).ToListAsync());
        var problem = await Assert.ThrowsAsync<PlatformProblemException>(() => access.GetManagedAsync(db, userB, study));
        Assert.Equal(404, problem.Status);
    }

    [Fact]
    public async Task OnlyTheOwnerOrAnAdminChangesShares()
    {
        var (a, b, study, _) = await TwoResearchersAndAStudyAsync();
        var c = "c" + Guid.NewGuid().ToString("N")[..10];
        await platform.Factory.CreateUserAsync(c, StaffRoles.Researcher);
        await ShareAsync(a, study, b, StudyPermission.Manage);

        var problem = await Assert.ThrowsAsync<PlatformProblemException>(() => ShareAsync(b, study, c, StudyPermission.Manage));
        Assert.Equal(403, problem.Status);
        Assert.Contains($"Only the owner ({a})", problem.Detail, StringComparison.Ordinal);

        await ShareAsync("root", study, c, StudyPermission.View, StaffRoles.Admin);
        var view = await platform.WithAsync<IStudySharing, StudySharingView>(s => s.GetAsync(StaffTestSupport.Principal(b, StaffRoles.Researcher), study));
        Assert.False(view.MayChange);
        Assert.Equal([(b, StudyPermission.Manage, a), (c, StudyPermission.View, "root")], view.Shares.Select(s => (s.UserName, s.Permission, s.SharedBy)));
    }

    [Fact]
    public async Task RemovingAShareTakesTheStudyAwayAgain()
    {
        var (a, b, study, slug) = await TwoResearchersAndAStudyAsync();
        await ShareAsync(a, study, b, StudyPermission.Manage);
        var owner = StaffTestSupport.Principal(a, StaffRoles.Researcher);
        var share = (await platform.WithAsync<IStudySharing, StudySharingView>(s => s.GetAsync(owner, study))).Shares.Single();

        await platform.WithAsync<IStudySharing>(s => s.UnshareAsync(owner, study, share.Id));

        using var clientB = await platform.Factory.SignInAsync(b);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(clientB, $"/admin/studies/{study}/sharing"));
        Assert.Equal([StaffAuditActions.StudyShare, StaffAuditActions.StudyUnshare], (await platform.AuditOfAsync(slug)).Select(e => e.Action));
    }

    [Theory]
    [InlineData("nobody-here", "There is no user 'nobody-here'")]
    [InlineData("", "Enter the user name")]
    public async Task SharingWithAnUnknownNameSaysSo(string with, string message)
    {
        var (a, _, study, slug) = await TwoResearchersAndAStudyAsync();
        var problem = await Assert.ThrowsAsync<PlatformProblemException>(() => ShareAsync(a, study, with, StudyPermission.View));
        Assert.Equal(400, problem.Status);
        Assert.Contains(message, problem.Detail, StringComparison.Ordinal);
        Assert.Empty(await platform.AuditOfAsync(slug));
    }

    [Fact]
    public async Task AStudyIsSharedOnlyWithResearchers()
    {
        var (a, _, study, _) = await TwoResearchersAndAStudyAsync();
        var annotator = "n" + Guid.NewGuid().ToString("N")[..10];
        await platform.Factory.CreateUserAsync(annotator, StaffRoles.Annotator);

        var problem = await Assert.ThrowsAsync<PlatformProblemException>(() => ShareAsync(a, study, annotator, StudyPermission.View));

        Assert.Contains("is not a researcher", problem.Detail, StringComparison.Ordinal);
    }
}
