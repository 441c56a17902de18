using System.Net;
using System.Net.Http.Json;
using InteractionLab.Api.Seeding;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Mvc;

namespace InteractionLab.Api.Tests.Access;

/// <summary>
/// With the database down (a throwaway PostgreSQL server stopped as a crash would), participants get a page that
/// asks them to come back and clients a 503 with <c>Retry-After</c>, never a 500 (issue 13 item 13).
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task TheLandingPageAndTheConsentAskToComeBackLaterWhileTheDatabaseIsDown()
    {
        await using var database = await ThrowawayPostgres.CreateAsync();
        // No pool and a short connect timeout: the outage shows at the next request, not after a pooled connection dies.
        await using var platform = new PlatformFactory(database.ConnectionString("outage") + ";Pooling=false;Timeout=3");
        using var browser = platform.CreateBrowserClient();
        browser.DefaultRequestHeaders.Add("Accept", "text/html");
        using (var up = await browser.GetAsync($"/s/{DemoStudy.Slug}"))
            Assert.Equal(HttpStatusCode.OK, up.StatusCode);

        await database.CrashAsync();
        using var landing = await browser.GetAsync($"/s/{DemoStudy.Slug}");
        using var consent = await platform.PostConsentAsync(DemoStudy.Slug);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, landing.StatusCode);
        Assert.Contains("Please try again in a few minutes", await landing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, consent.StatusCode);
        Assert.NotNull(consent.Headers.RetryAfter);
        Assert.Equal("Temporarily unavailable", (await consent.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
    }
}
