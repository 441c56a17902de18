using System.Net;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Access;

/// <summary>
/// The rate limits of the anonymous doors on real Kestrel (issue 13 item 11): per address (the loopback proxy's
/// X-Forwarded-For, as behind nginx) and per study for consents, per address for sign-in — where a flood from one
/// address never locks the account for its owner — and per address and per session on the hub.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private PlatformFactory _platform = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _platform = new PlatformFactory(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["RateLimits:ParticipantDoorPerMinute"] = "3",
            ["RateLimits:ParticipantDoorPerStudyPerMinute"] = "5",
            ["RateLimits:SignInPerMinute"] = "3",
            ["RateLimits:HubConnectionsPerMinute"] = "4",
            ["RateLimits:HubCallsPerSecond"] = "1",
            ["RateLimits:HubCallBurst"] = "3",
        });
        _platform.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ConsentsFromOneAddressAreLimitedWhileAnotherAddressStillGetsIn()
    {
        var (slug, studyId) = await StudyAsync();
        var form = await FormAsync(slug);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) answers.Add((await ConsentAsync(slug, form, "203.0.113.5")).StatusCode);
        using var browser = await ConsentAsync(slug, form, "203.0.113.5", html: true);
        using var neighbour = await ConsentAsync(slug, form, "203.0.113.77");

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal($"/s/{slug}?problem=busy", browser.Headers.Location?.ToString());
        Assert.NotNull(browser.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.SeeOther, neighbour.StatusCode);
        await using var scope = _platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Api.Data.PlatformDbContext>();
        Assert.Equal(4, await db.Sessions.CountAsync(s => s.StudyId == studyId));
    }

    [Fact]
    public async Task ConsentsToOneStudyAreLimitedWhateverTheAddressAndOtherStudiesAreNotAffected()
    {
        var (slug, _) = await StudyAsync();
        var (other, _) = await StudyAsync();
        var form = await FormAsync(slug);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) answers.Add((await ConsentAsync(slug, form, $"198.51.100.{i + 1}")).StatusCode);
        using var elsewhere = await ConsentAsync(other, await FormAsync(other), "198.51.100.200");

        Assert.Equal(5, answers.Count(a => a == HttpStatusCode.SeeOther));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.SeeOther, elsewhere.StatusCode);
    }

    [Fact]
    public async Task SignInIsThrottledPerAddressSoAFloodNeverLocksTheOwnerOut()
    {
        await _platform.CreateUserAsync("rl-owner", StaffRoles.Admin);
        var form = await FormAsync(null);

        var attacker = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            using var tried = await SignInAsync(form, "rl-owner", "guess-" + i, "192.0.2.66");
            attacker.Add(tried.Headers.Location?.OriginalString);
        }
        using var owner = await SignInAsync(form, "rl-owner", StaffLogin.DefaultPassword, "192.0.2.10");

        Assert.All(attacker.Take(3), l => Assert.StartsWith("/admin/login?error=failed", l, StringComparison.Ordinal));
        Assert.All(attacker.Skip(3), l => Assert.Equal("/admin/login?error=throttled", l));
        Assert.Equal("/admin", owner.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task HubConnectionsArePerAddressAndHubCallsPerSessionLimited()
    {
        var (slug, _) = await StudyAsync();
        var participant = await _platform.ConsentAsync(slug);

        await using var hub = Hub(participant.Cookie, "203.0.113.9");
        await hub.StartAsync();
        var calls = new List<bool>();
        for (var i = 0; i < 5; i++)
            calls.Add(await hub.InvokeAsync<Api.Sessions.SessionView>("GetSession").ContinueWith(t => t.IsCompletedSuccessfully));
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<Api.Sessions.SessionView>("GetSession"));
        // Each start is a negotiate and a connect; the per-address allowance is spent by the second connection.
        await using var second = Hub(participant.Cookie, "203.0.113.9");
        await second.StartAsync();
        await using var third = Hub(participant.Cookie, "203.0.113.9");
        var tooMany = await Assert.ThrowsAsync<HttpRequestException>(() => third.StartAsync());

        Assert.Equal(3, calls.TakeWhile(ok => ok).Count());
        Assert.Contains("Too many requests", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
    }

    private HubConnection Hub(string cookie, string address) => new HubConnectionBuilder()
        .WithUrl(new Uri(_platform.ServerAddress, "hubs/session"), o =>
        {
            o.Headers["Cookie"] = cookie;
            o.Headers["X-Forwarded-For"] = address;
            o.SkipNegotiation = false;
        })
        .Build();

    private async Task<(string Slug, Guid Id)> StudyAsync()
    {
        var slug = "l" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = _platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Api.Data.PlatformDbContext>();
        var study = await PlatformSeeder.CreateStudyAsync(db, slug, "tester", DemoStudy.Config(), StudyStatus.Open, TimeProvider.System);
        return (slug, study.Id);
    }

    // The antiforgery cookie and token a browser gets from the study's page (or the sign-in page); reusable.
    private async Task<(string Cookie, string Token)> FormAsync(string? slug)
    {
        using var client = _platform.CreateRawClient();
        return await client.AntiforgeryAsync(slug is null ? "/admin/login" : $"/s/{slug}") ?? throw new InvalidOperationException("No form on the page.");
    }

    private Task<HttpResponseMessage> ConsentAsync(string slug, (string Cookie, string Token) form, string address, bool html = false) =>
        PostAsync($"/s/{slug}/consent", form, address, html, [new("consent", "true")]);

    private Task<HttpResponseMessage> SignInAsync((string Cookie, string Token) form, string user, string password, string address) =>
        PostAsync("/admin/login", form, address, html: true, [new("userName", user), new("password", password), new("returnUrl", "/admin")]);

    private async Task<HttpResponseMessage> PostAsync(string path, (string Cookie, string Token) form, string address, bool html,
        KeyValuePair<string, string>[] fields)
    {
        using var client = _platform.CreateRawClient();
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", form.Token)]),
        };
        request.Headers.Add("Cookie", form.Cookie);
        request.Headers.Add("X-Forwarded-For", address);
        if (html) request.Headers.Add("Accept", "text/html");
        return await client.SendAsync(request);
    }
}
