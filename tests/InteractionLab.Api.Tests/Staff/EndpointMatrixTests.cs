using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>
/// Every endpoint the platform maps (<see cref="EndpointRoutes"/>), and every hub method, against every caller:
/// anonymous, a participant, each staff role and API keys of each scope. A caller the endpoint is not for is refused
/// (401/403, or the sign-in / denied page); a caller it is for gets past authorization (whatever the handler then
/// says about the empty request). Study-specific access (owner, shares) is checked by <see cref="AuthorizationMatrixTests"/>
/// and the sharing tests; this matrix checks the doors themselves. One more caller is an admin whose account was
/// disabled after signing in (<see cref="StaffFixture.DisabledAdmin"/>): their kept cookie opens no door a stranger
/// could not open.
/// </summary>
public sealed class EndpointMatrixTests(StaffFixture staff) : IClassFixture<StaffFixture>
{
    public const string Participant = "participant";
    public const string ExportKey = "export-key";
    public const string ImportKey = "import-key";

    private static readonly string[] Callers = [AuthorizationMatrixTests.Anonymous, Participant, .. StaffRoles.All, StaffFixture.DisabledAdmin, ExportKey, ImportKey];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in EndpointRoutes.All)
            foreach (var caller in Callers) data.Add(route.ToString(), caller);
        return data;
    }

    [Fact]
    public void EveryEndpointOfThePlatformHasARowInTheMatrix()
    {
        var listed = EndpointRoutes.All.Select(r => (r.Method, r.Pattern)).ToHashSet();
        var missing = new List<string>();
        foreach (var endpoint in staff.Platform.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!IsCovered(pattern)) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            // A page answers GET and its forms' POST under one authorization; an endpoint of any method is listed once.
            var required = methods.Count == 0 || methods.SequenceEqual(["GET", "POST"]) ? [] : methods;
            if (required.Count == 0 ? !listed.Any(l => l.Pattern == pattern) : required.Any(m => !listed.Contains((m, pattern))))
                missing.Add($"{string.Join(",", methods)} {pattern}");
        }
        Assert.True(missing.Count == 0, "Endpoints without a row in EndpointRoutes:\n" + string.Join("\n", missing));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnEndpointLetsInExactlyTheCallersItIsFor(string endpoint, string caller)
    {
        var route = EndpointRoutes.All.Single(r => r.ToString() == endpoint);
        using var request = await RequestAsync(route, caller);

        using var response = await ClientFor(caller).SendAsync(request);

        var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } to
                && (to.OriginalString.Contains("/admin/login?returnUrl=", StringComparison.Ordinal) || to.OriginalString.Contains("/admin/denied", StringComparison.Ordinal)));
        Assert.True(route.Access.Allows(caller) != refused,
            $"{endpoint} as {caller}: {(int)response.StatusCode} {response.Headers.Location} (expected {(route.Access.Allows(caller) ? "allowed" : "refused")})");
        Assert.True((int)response.StatusCode < 500, $"{endpoint} as {caller} answered {(int)response.StatusCode}");
    }

    public static TheoryData<string, string> HubCalls()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "AppendEvents", "StreamReply", "StopReply", "GetSession", "CompleteStage", "SubmitSurvey" })
            foreach (var caller in Callers) data.Add(method, caller);
        return data;
    }

    [Theory]
    [MemberData(nameof(HubCalls))]
    public async Task OnlyAParticipantReachesAHubMethodAndOnlyForTheirOwnSession(string method, string caller)
    {
        var (cookie, bearer) = Credentials(caller);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(staff.Platform.Factory.Server.BaseAddress, "hubs/session"), o =>
            {
                o.HttpMessageHandlerFactory = _ => staff.Platform.Factory.Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                if (cookie is not null) o.Headers["Cookie"] = cookie;
                if (bearer is not null) o.Headers["Authorization"] = "Bearer " + bearer;
            })
            .Build();

        if (caller != Participant)
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            return;
        }
        await hub.StartAsync();
        var answer = method switch
        {
            "GetSession" => await hub.InvokeAsync<Sessions.SessionView>(method) is { } view ? view.SessionId.ToString() : null,
            "StopReply" => (await hub.InvokeAsync<bool>(method)).ToString(),
            _ => null,
        };
        if (method == "GetSession") Assert.Equal(staff.ResearcherSession.Session.ToString(), answer);
    }

    [Fact]
    public async Task AParticipantCookieCannotSpeakForAnotherSession()
    {
        var (cookie, _) = Credentials(Participant);
        using var client = staff.Platform.Factory.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hubs/session/negotiate?negotiateVersion=1&session={Guid.NewGuid():N}");
        request.Headers.Add("Cookie", cookie);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static bool IsCovered(string pattern) =>
        pattern.StartsWith('/') && !pattern.StartsWith("/_", StringComparison.Ordinal) && !pattern.StartsWith("/scalar", StringComparison.Ordinal);

    private HttpClient ClientFor(string caller) => caller switch
    {
        // The disabled admin's cookie goes in a header: a cookie jar would drop it when the platform signs it out.
        Participant or ExportKey or ImportKey or StaffFixture.DisabledAdmin => staff.Platform.Factory.CreateRawClient(),
        _ => staff.ClientFor(caller),
    };

    private (string? Cookie, string? Bearer) Credentials(string caller) => caller switch
    {
        Participant => (staff.ParticipantCookie, null),
        ExportKey => (null, staff.ExportKey),
        ImportKey => (null, staff.ImportKey),
        AuthorizationMatrixTests.Anonymous => (null, null),
        _ => (staff.StaffCookie(caller), null),
    };

    // The request a caller of this kind would send; placeholders name the researcher's study for reading and data
    // endpoints, and a study nobody has for the ones that change something, so nothing here changes state.
    private async Task<HttpRequestMessage> RequestAsync(EndpointRoute route, string caller)
    {
        var changes = route.Method != "GET" && route.Access is not (EndpointAccess.ResearcherOrImportKey or EndpointAccess.Public);
        var study = changes ? Guid.NewGuid() : staff.ResearcherSession.Study;
        var path = route.Pattern
            .Replace("{Slug}", staff.OpenStudySlug).Replace("{slug}", staff.OpenStudySlug).Replace("/{*Rest}", "/no-such-page")
            .Replace("{Id:guid}", study.ToString()).Replace("{StudyId:guid}", study.ToString()).Replace("{id:guid}", study.ToString())
            .Replace("{study}", study.ToString()).Replace("{SessionKey}", staff.ResearcherSession.Session.ToString())
            .Replace("{documentName}", "v1").Replace("{**path}", "v1/no-such-endpoint").Replace("{key}", changes ? "no-such-set" : "demo-dialogue-scenarios")
            .Replace("{job:guid}", Guid.NewGuid().ToString()).Replace("{a:int}", "1").Replace("{b:int}", "1")
            .Replace("{hypothesis:long}", "1").Replace("{cardId:long}", "1")
            .Replace("{studyId:guid}", study.ToString()).Replace("{projectId:guid}", Guid.NewGuid().ToString()).Replace("{ProjectId:guid}", Guid.NewGuid().ToString()).Replace("{jobId:guid}", Guid.NewGuid().ToString())
            .Replace("{annotatorId:guid}", Guid.NewGuid().ToString()).Replace("{itemId:guid}", Guid.NewGuid().ToString()).Replace("{assignmentId:long}", "1");
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method != "GET")
            request.Content = route.Upload ? new MultipartFormDataContent { { new StringContent(""), "name" } } : new StringContent("{}", Encoding.UTF8, "application/json");
        var (cookie, bearer) = Credentials(caller);
        if (caller is Participant or StaffFixture.DisabledAdmin) request.Headers.Add("Cookie", cookie);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await Task.FromResult(request);
    }
}
