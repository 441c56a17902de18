using System.Security.Claims;
using System.Text.Encodings.Web;
using InteractionLab.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// Authenticates a participant by a protected session cookie, so the hub can demand a known caller with
/// <c>[Authorize]</c> and refuse the connection (401 at negotiate) before any hub method runs. A browser holds one
/// cookie per study; the page names its session in the hub URL (<c>?session=</c>) to say which one it speaks for.
/// </summary>
public sealed class ParticipantAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Scheme name.</summary>
    public const string SchemeName = "Participant";
    /// <summary>Policy requiring a participant.</summary>
    public const string PolicyName = "Participant";
    /// <summary>Claim carrying the session id.</summary>
    public const string SessionClaim = "session";
    /// <summary>Query parameter naming the session a hub connection is for.</summary>
    public const string SessionParameter = "session";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.Keys.Any(k => k.StartsWith(ParticipantCookie.Prefix, StringComparison.Ordinal) || k == ParticipantCookie.LegacyName))
            return Task.FromResult(AuthenticateResult.NoResult());
        SessionId? wanted = SessionId.TryParse(Request.Query[SessionParameter].ToString(), out var w) ? w : null;
        if (!ParticipantCookie.TryReadForHub(Request, wanted, out var session))
            return Task.FromResult(AuthenticateResult.Fail("No participant cookie for this session; open the study link again."));
        var identity = new ClaimsIdentity([new Claim(SessionClaim, session.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
