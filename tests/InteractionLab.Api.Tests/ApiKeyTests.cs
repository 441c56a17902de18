using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

public sealed class ApiKeyTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<CreatedApiKey> CreateKeyAsync(Guid? study = null, string scope = ApiKeyScopes.Export)
    {
        await using var s = platform.Factory.Services.CreateAsyncScope();
        return await s.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("tester", study, [scope]);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestHeaders>? auth = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        auth?.Invoke(request.Headers);
        return await platform.Factory.CreateClient().SendAsync(request);
    }

    private static async Task<ProblemDetails> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
    }

    [Fact]
    public async Task MissingKeyAnswers401ProblemDetailsSayingHowToSendOne()
    {
        using var response = await GetAsync("/api/v1/studies/demo/sessions");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Authorization: Bearer il_", (await Problem(response)).Detail);
    }

    [Fact]
    public async Task WrongKeyAnswers401()
    {
        using var response = await GetAsync("/api/v1/studies/demo/sessions", h => h.Authorization = new("Bearer", "il_not-a-real-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("unknown or has been revoked", (await Problem(response)).Detail);
    }

    [Fact]
    public async Task RevokedKeyAnswers401()
    {
        var key = await CreateKeyAsync();
        await using (var s = platform.Factory.Services.CreateAsyncScope())
            Assert.True(await s.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(key.Id));
        using var response = await GetAsync("/api/v1/studies/demo/sessions", h => h.Authorization = new("Bearer", key.Key));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ValidKeyWorksAsBearerAndAsXApiKey()
    {
        var key = await CreateKeyAsync();
        using var bearer = await GetAsync("/api/v1/studies/demo/sessions", h => h.Authorization = new("Bearer", key.Key));
        using var header = await GetAsync("/api/v1/studies/demo/sessions", h => h.Add("X-Api-Key", key.Key));
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        Assert.Equal("application/x-ndjson", bearer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task KeyIsStoredOnlyAsItsSha256Hash()
    {
        var key = await CreateKeyAsync();
        await using var scope = platform.Scope(out var db);
        var stored = await db.ApiKeys.SingleAsync(k => k.Id == key.Id);
        Assert.Equal(ApiKeyService.Hash(key.Key), stored.Hash);
        Assert.Equal(64, stored.Hash.Length);
        Assert.StartsWith(stored.Prefix, key.Key, StringComparison.Ordinal);
        Assert.True(stored.Prefix.Length < key.Key.Length / 2);
        // No column of any key row holds the secret.
        var rows = await db.Database.SqlQueryRaw<string>("SELECT row_to_json(k)::text AS \"Value\" FROM \"ApiKeys\" k").ToListAsync();
        Assert.DoesNotContain(rows, r => r.Contains(key.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyWithoutTheExportScopeAnswers403()
    {
        var key = await CreateKeyAsync(scope: "annotate");
        using var response = await GetAsync("/api/v1/studies/demo/events", h => h.Authorization = new("Bearer", key.Key));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Problem(response);
    }

    [Fact]
    public async Task KeyBoundToAnotherStudyAnswers403()
    {
        var (_, otherStudy) = await platform.CreateAsync();
        var key = await CreateKeyAsync(otherStudy);
        using var response = await GetAsync("/api/v1/studies/demo/events", h => h.Authorization = new("Bearer", key.Key));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another study", (await Problem(response)).Detail);
    }

    [Fact]
    public async Task UnknownStudyAnswers404ProblemDetails()
    {
        var key = await CreateKeyAsync();
        using var response = await GetAsync("/api/v1/studies/nope/events", h => h.Authorization = new("Bearer", key.Key));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'nope'", (await Problem(response)).Detail);
    }
}
