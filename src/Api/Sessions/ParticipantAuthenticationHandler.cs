using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// Authenticates a participant by the protected session cookie, so the hub can demand a known caller with
/// <c>[Authorize]</c> and refuse the connection (401 at negotiate) before any hub method runs.
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

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.ContainsKey(ParticipantCookie.Name)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!ParticipantCookie.TryRead(Request, out var session))
            return Task.FromResult(AuthenticateResult.Fail("The participant cookie is invalid or expired; open the study link again."));
        var identity = new ClaimsIdentity([new Claim(SessionClaim, session.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
