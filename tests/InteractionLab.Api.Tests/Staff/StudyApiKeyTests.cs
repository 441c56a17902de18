using System.Net;
using System.Net.Http.Headers;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>The study API-keys page's service: a created key reaches its study's export, a revoked one is refused, both audited.</summary>
public sealed class StudyApiKeyTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task ACreatedKeyExportsItsStudyUntilRevokedAndBothStepsAreAudited()
    {
        var owner = "k" + Guid.NewGuid().ToString("N")[..10];
        await platform.Factory.CreateUserAsync(owner, StaffRoles.Researcher);
        var (slug, study) = await platform.CreateOwnedStudyAsync(owner);
        var me = StaffTestSupport.Principal(owner, StaffRoles.Researcher);

        var created = await platform.WithAsync<IStudyApiKeys, CreatedApiKey>(k => k.CreateAsync(me, study, "nightly R pull", [ApiKeyScopes.Export]));

        var (listedSlug, keys) = await platform.WithAsync<IStudyApiKeys, (string, IReadOnlyList<StudyApiKeyView>)>(k => k.ListAsync(me, study));
        Assert.Equal(slug, listedSlug);
        var key = Assert.Single(keys);
        Assert.Equal((created.Prefix, owner, (DateTimeOffset?)null, "nightly R pull"), (key.Prefix, key.Owner, key.RevokedAt, key.Name));
        Assert.Equal(HttpStatusCode.OK, await ExportStatusAsync(slug, created.Key));

        await platform.WithAsync<IStudyApiKeys>(k => k.RevokeAsync(me, study, created.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, await ExportStatusAsync(slug, created.Key));
        Assert.NotNull(Assert.Single((await platform.WithAsync<IStudyApiKeys, (string, IReadOnlyList<StudyApiKeyView>)>(k => k.ListAsync(me, study))).Item2).RevokedAt);
        var audit = await platform.AuditOfAsync(slug);
        Assert.Equal([StaffAuditActions.ApiKeyCreate, StaffAuditActions.ApiKeyRevoke], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.DoesNotContain(created.Key, e.Detail ?? "", StringComparison.Ordinal));
        // The audit log says which key by its name.
        Assert.All(audit, e => Assert.Contains("\"nightly R pull\"", e.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AKeyWithoutANameIsRefusedWithAProblemOnTheNameField()
    {
        var owner = "k" + Guid.NewGuid().ToString("N")[..10];
        var (slug, study) = await platform.CreateOwnedStudyAsync(owner);
        var me = StaffTestSupport.Principal(owner, StaffRoles.Researcher);

        var problem = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            platform.WithAsync<IStudyApiKeys, CreatedApiKey>(k => k.CreateAsync(me, study, "  ", [ApiKeyScopes.Export])));

        Assert.Equal(400, problem.Status);
        Assert.Contains("name", problem.Errors.Keys);
        Assert.Empty((await platform.WithAsync<IStudyApiKeys, (string, IReadOnlyList<StudyApiKeyView>)>(k => k.ListAsync(me, study))).Item2);
        Assert.Empty(await platform.AuditOfAsync(slug));
    }

    [Fact]
    public async Task AResearcherWithoutAccessGets404AndNoKey()
    {
        var (_, study) = await platform.CreateOwnedStudyAsync("someone-else");
        var stranger = StaffTestSupport.Principal("stranger", StaffRoles.Researcher);

        var problem = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            platform.WithAsync<IStudyApiKeys, CreatedApiKey>(k => k.CreateAsync(stranger, study, "mine now", [ApiKeyScopes.Export])));

        Assert.Equal(404, problem.Status);
        var (_, keys) = await platform.WithAsync<IStudyApiKeys, (string, IReadOnlyList<StudyApiKeyView>)>(
            k => k.ListAsync(StaffTestSupport.Principal("root", StaffRoles.Admin), study));
        Assert.Empty(keys);
    }

    private async Task<HttpStatusCode> ExportStatusAsync(string slug, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/studies/{slug}/sessions");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await platform.Factory.CreateClient().SendAsync(request);
        return response.StatusCode;
    }
}
