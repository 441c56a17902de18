using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Protection;

/// <summary>
/// ASP.NET Core's in-box rate limiter on the anonymous doors: sign-in per address, the participant door (consent,
/// resume code) per address and then per study, and hub connections per address. Hub method calls are limited per session by <see cref="Hubs.SessionHubFilter"/>.
/// A refused browser form goes back to its page with a message; anything else gets a 429 ProblemDetails.
/// </summary>
public static class PlatformRateLimits
{
    /// <summary>Policy of the sign-in form post.</summary>
    public const string SignIn = "sign-in";
    /// <summary>Policy of the consent and resume-code posts.</summary>
    public const string ParticipantDoor = "participant-door";
    /// <summary>Policy of the participant hub's negotiate and connect requests.</summary>
    public const string HubConnect = "hub-connect";

    /// <summary>Registers the policies from <see cref="RateLimitOptions"/>.</summary>
    public static IHostApplicationBuilder AddPlatformRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            var l = limits.Value;
            o.AddPolicy(SignIn, http => PerMinute("sign-in:" + ClientAddress.Of(http), l.SignInPerMinute));
            o.AddPolicy(HubConnect, http => PerMinute("hub:" + ClientAddress.Of(http), l.HubConnectionsPerMinute));
            // The participant door is limited by the global limiter, address first and study second in one chain, so
            // a request refused for its address never spends the study's allowance (one address could otherwise
            // lock everyone out of a study). The endpoint policy only marks the door.
            o.AddPolicy(ParticipantDoor, _ => RateLimitPartition.GetNoLimiter(""));
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => StudyOf(http) is null
                    ? RateLimitPartition.GetNoLimiter("")
                    : PerMinute("door:" + ClientAddress.Of(http), l.ParticipantDoorPerMinute)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => StudyOf(http) is { } slug
                    ? PerMinute("study:" + slug, l.ParticipantDoorPerStudyPerMinute)
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = RejectAsync;
        });
        return builder;
    }

    // A token bucket refilled every 10 s: a burst of one minute's worth, then a steady rate (no cliff at the minute).
    private static RateLimitPartition<string> PerMinute(string key, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, perMinute),
            TokensPerPeriod = Math.Max(1, perMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
        });

    // The per-study limit applies to the participant door only, keyed by the study in its route.
    private static string? StudyOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == ParticipantDoor
            ? http.GetRouteValue("slug") as string
            : null;

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(10);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (FormPage(http) is { } page)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = page;
            return;
        }
        await ProblemResponse.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many requests from your network or for this study; wait {Math.Ceiling(wait.TotalSeconds)} s and try again.");
    }

    // A browser's form post goes back to the page it came from, which explains the wait in words.
    private static string? FormPage(HttpContext http)
    {
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        if (!http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))) return null;
        return policy switch
        {
            SignIn => "/admin/login?error=throttled",
            ParticipantDoor when http.GetRouteValue("slug") is string slug => $"/s/{Uri.EscapeDataString(slug)}?problem=busy",
            _ => null,
        };
    }
}
