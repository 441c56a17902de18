using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.ApiKeys;

/// <summary>
/// Authenticates <c>Authorization: Bearer il_…</c> or <c>X-Api-Key: il_…</c> against the hashed keys and answers
/// 401/403 with ProblemDetails that say what to fix.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Scheme name.</summary>
    public const string SchemeName = "ApiKey";
    /// <summary>Alternative header.</summary>
    public const string Header = "X-Api-Key";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        var keys = Context.RequestServices.GetRequiredService<ApiKeyService>();
        var key = await keys.FindActiveAsync(presented, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("The API key is unknown or has been revoked.");

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, key.Id.ToString()), new(ClaimTypes.Name, key.Owner) };
        claims.AddRange(key.Scopes.Select(s => new Claim(ApiKeyScopes.ScopeClaim, s)));
        if (key.StudyId is { } study) claims.Add(new Claim(ApiKeyScopes.StudyClaim, study.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message
            ?? $"Send an API key as 'Authorization: Bearer {ApiKeyService.KeyPrefix}…' or '{Header}: {ApiKeyService.KeyPrefix}…'.";
        await WriteProblem(StatusCodes.Status401Unauthorized, "API key required", detail);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "Not allowed", "This API key does not have the scope this endpoint needs.");

    private Task WriteProblem(int status, string title, string detail) => ProblemResponse.WriteAsync(Context, status, title, detail);

    private static string? Presented(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth["Bearer ".Length..].Trim();
        var header = request.Headers[Header].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }
}
