using System.Threading.RateLimiting;
using InteractionLab.Api.Protection;
using InteractionLab.Api.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Hubs;

/// <summary>
/// Around every <see cref="SessionHub"/> call: limits calls per session (<see cref="RateLimitOptions"/>), turns a
/// <see cref="PlatformProblemException"/> into the <see cref="HubException"/> the browser reads, and logs refusals
/// as warnings without a stack trace. Only an unexpected exception is logged as an error with its stack, here,
/// because SignalR's own dispatcher log (which would log every refusal as an error) is switched off.
/// </summary>
public sealed partial class SessionHubFilter : IHubFilter, IDisposable
{
    private readonly ILogger<SessionHubFilter> _logger;
    private readonly PartitionedRateLimiter<string> _calls;

    /// <summary>A filter with the configured per-session call rate.</summary>
    public SessionHubFilter(ILogger<SessionHubFilter> logger, IOptions<RateLimitOptions> options)
    {
        _logger = logger;
        var limits = options.Value;
        _calls = PartitionedRateLimiter.Create<string, string>(session => RateLimitPartition.GetTokenBucketLimiter(session, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, limits.HubCallBurst),
                TokensPerPeriod = Math.Max(1, limits.HubCallsPerSecond),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            }));
    }

    /// <inheritdoc />
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocation.HubMethodName;
        var session = invocation.Context.User?.FindFirst(ParticipantAuthenticationHandler.SessionClaim)?.Value ?? invocation.Context.ConnectionId;
        using var lease = _calls.AttemptAcquire(session);
        if (!lease.IsAcquired)
        {
            Refused(_logger, method, session, 429, "Too many calls");
            throw new HubException("Too many requests from this page; it will try again shortly.");
        }
        try
        {
            return await next(invocation);
        }
        catch (PlatformProblemException e)
        {
            Refused(_logger, method, session, e.Status, e.Title);
            throw new HubException(e.FullMessage());
        }
        catch (HubException e)
        {
            Refused(_logger, method, session, 400, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failed(_logger, e, method, session);
            throw new HubException("Something went wrong on the server; please try again.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _calls.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused hub call {Method} of session {Session}: {Status} {Title}")]
    private static partial void Refused(ILogger logger, string method, string session, int status, string title);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} of session {Session} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string method, string session);
}
