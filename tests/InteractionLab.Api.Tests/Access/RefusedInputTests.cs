using System.Net;
using System.Net.Http.Json;
using System.Text;
using InteractionLab.Api.Hubs;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Tests.Access;

/// <summary>
/// Input the platform refuses gets a clear answer, never a 500, and is logged as a warning without a stack trace
/// (issue 13 items 12 and 13): ProblemDetails for a browser's API call, malformed forms, null and odd hub values,
/// an empty study body, an oversized sign-out form.
/// </summary>
public sealed class RefusedInputTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task AnApiRefusalReachesABrowserAsProblemDetailsNotA500()
    {
        using var researcher = await platform.Factory.SignedInClientAsync(StaffRoles.Researcher);
        using var anonymous = platform.Factory.CreateBrowserClient();
        foreach (var client in new[] { researcher, anonymous }) client.DefaultRequestHeaders.Add("Accept", "text/html");

        using var notFound = await researcher.GetAsync($"/api/v1/admin/studies/{Guid.NewGuid()}/config");
        using var unauthorized = await anonymous.GetAsync($"/api/v1/studies/{Guid.NewGuid()}/sessions");

        await AssertProblemAsync(notFound, HttpStatusCode.NotFound);
        await AssertProblemAsync(unauthorized, HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string, string, string> MalformedForms() => new()
    {
        { "no multipart boundary", "multipart/form-data", "consent=true" },
        { "multipart cut short", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\ntr" },
        { "too many fields", "application/x-www-form-urlencoded", "consent=true&" + string.Join("&", Enumerable.Range(0, 2000).Select(i => $"f{i}=1")) },
        { "a field name too long", "application/x-www-form-urlencoded", "consent=true&" + new string('k', 20_000) + "=1" },
    };

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task AMalformedConsentFormIsRefusedWith400AndRecordsNothing(string what, string contentType, string body)
    {
        var (slug, studyId) = await StudyAsync();
        using var client = platform.Factory.CreateRawClient();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await client.PostAsync($"/s/{slug}/consent", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode}");
        await using var scope = platform.Scope(out var db);
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.StudyId == studyId));
    }

    public static TheoryData<string, object?[]> OddHubCalls() => new()
    {
        { "AppendEvents", [null] },
        { "AppendEvents", [new { events = new object?[] { null } }] },
        { "AppendEvents", [new { events = new[] { new { sequence = 1, type = (string?)null, clientTimeMs = 0 } } }] },
        { "AppendEvents", [new { events = new[] { new { sequence = -5, type = "x", clientTimeMs = long.MaxValue } } }] },
        { "CompleteStage", [null] },
        { "CompleteStage", [""] },
        { "SubmitSurvey", [null, null] },
        { "SubmitSurvey", ["rating", new object?[] { null }] },
        { "SubmitSurvey", ["rating", new[] { new { itemKey = (string?)null, value = (string?)null } }] },
        { "SubmitSurvey", ["rating", new[] { new { itemKey = "satisfaction", value = (string?)null } }] },
    };

    [Theory]
    [MemberData(nameof(OddHubCalls))]
    public async Task AHubCallWithNullOrOddValuesIsRefusedWithAMessageAndLoggedAsAWarning(string method, object?[] arguments)
    {
        var (slug, _) = await StudyAsync();
        var participant = await platform.Factory.ConsentAsync(slug);
        await using var hub = platform.Factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();
        var before = platform.Logs.Entries.Count;

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeCoreAsync<object>(method, arguments));

        // SignalR passes on the text of a HubException only; anything else reaches the browser as a bare "unexpected error".
        Assert.Contains("HubException: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(participant.SessionId, (await hub.InvokeAsync<SessionView>("GetSession")).SessionId);
        var logged = platform.Logs.Entries.Skip(before).ToList();
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Error);
        Assert.Contains(logged, e => e.Level == LogLevel.Warning && e.Category == typeof(SessionHubFilter).FullName && e.Exception is null);
    }

    [Fact]
    public async Task AStreamedReplyWithoutAMessageIsRefusedWithAMessage()
    {
        var (slug, _) = await StudyAsync();
        var participant = await platform.Factory.ConsentAsync(slug);
        await using var hub = platform.Factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in hub.StreamAsync<string>("StreamReply", (string?)null)) { }
        });

        Assert.Contains("Type a message", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"slug\":\"ab-cd\",\"config\":null}")]
    [InlineData("{\"slug\":null,\"config\":{\"title\":null,\"stages\":[],\"conditions\":[]}}")]
    public async Task CreatingAStudyFromAnIncompleteBodyIsRefusedWithItsFieldsNamed(string body)
    {
        using var researcher = await platform.Factory.SignedInClientAsync(StaffRoles.Researcher);

        using var response = await researcher.PostAsync("/api/v1/admin/studies", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Extensions.ContainsKey("errors") || problem.Detail!.Contains("title", StringComparison.OrdinalIgnoreCase),
            $"The problem should name what is missing: {problem.Detail}");
    }

    [Fact]
    public async Task AnEmptyStudyBodyNamesBothMissingFields()
    {
        using var researcher = await platform.Factory.SignedInClientAsync(StaffRoles.Researcher);

        using var response = await researcher.PostAsync("/api/v1/admin/studies", new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["config", "slug"], problem!.Errors.Keys.Order());
    }

    [Fact]
    public async Task AnOversizedSignOutFormIsRefusedWith400AndSignsNobodyOut()
    {
        using var researcher = await platform.Factory.SignedInClientAsync(StaffRoles.Researcher);
        var fields = Enumerable.Range(0, 3000).Select(i => new KeyValuePair<string, string>($"f{i}", "x"));

        using var response = await researcher.PostAsync("/admin/logout", new FormUrlEncodedContent(fields));
        using var stillIn = await researcher.GetAsync("/admin");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task ARefusedApiCallIsLoggedAsAWarningWithoutAStackTrace()
    {
        using var researcher = await platform.Factory.SignedInClientAsync(StaffRoles.Researcher);
        var before = platform.Logs.Entries.Count;

        using var response = await researcher.GetAsync($"/api/v1/admin/studies/{Guid.NewGuid()}/config");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var logged = platform.Logs.Entries.Skip(before).ToList();
        Assert.DoesNotContain(logged, e => e.Level >= LogLevel.Error);
        Assert.Contains(logged, e => e.Level == LogLevel.Warning && e.Category == typeof(PlatformProblemHandler).FullName && e.Exception is null);
    }

    private Task<(string Slug, Guid Id)> StudyAsync() => platform.CreateAsync();

    private static async Task<ProblemDetails> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal((int)expected, problem!.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        return problem;
    }
}
