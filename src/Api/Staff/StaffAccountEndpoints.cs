using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Protection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace InteractionLab.Api.Staff;

/// <summary>
/// The form posts behind the staff sign-in pages: sign in, sign out and change password. They answer with
/// 303 redirects (post/redirect/get); a refusal goes back to the form with an error code the page explains.
/// </summary>
public static class StaffAccountEndpoints
{
    /// <summary>The sign-in form.</summary>
    public const string LoginPath = "/admin/login";
    /// <summary>The change-password form.</summary>
    public const string PasswordPath = "/admin/account/password";

    /// <summary>Maps the endpoints and holds users with a one-time password to the change-password page.</summary>
    public static WebApplication MapStaffAccounts(this WebApplication app)
    {
        app.Use(RequirePasswordChange);
        // Antiforgery is checked in the handlers (not by form binding) so a stale form gets a 400 that says what to do.
        app.MapPost(LoginPath, SignInAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(PlatformRateLimits.SignIn).ExcludeFromDescription();
        app.MapPost("/admin/logout", SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(PasswordPath, ChangePasswordAsync).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();
        app.MapStaffApi();
        return app;
    }

    // Wrong passwords lock nothing: a lockout anyone can trigger by typing a name would let them lock out every
    // account, admin included. Guessing is slowed per address instead (PlatformRateLimits.SignIn), and an unknown
    // name costs the same hashing as a known one, so neither the answer nor its timing tells which names exist.
    private static async Task<IResult> SignInAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn)
    {
        if (!await FormInput.IsAntiforgeryValidAsync(antiforgery, http)) return StaleForm();
        var back = LocalOr(returnUrl, "/admin");
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return SeeOther(Login("missing", back, userName));
        var users = signIn.UserManager;
        var user = CouldBeAUserName(userName.Trim(), users.Options.User.AllowedUserNameCharacters) ? await users.FindByNameAsync(userName.Trim()) : null;
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new StaffUser(), DecoyHash(users.PasswordHasher), password);
            return SeeOther(Login("failed", back, userName));
        }
        if (!await users.CheckPasswordAsync(user, password)) return SeeOther(Login("failed", back, userName));
        // Only someone who knows the password learns that the account is disabled.
        if (await users.IsLockedOutAsync(user))
            return SeeOther(Login(user.LockoutEnd >= StaffAccountService.DisabledUntil ? "disabled" : "locked", back, userName));
        await signIn.SignInAsync(user, isPersistent: false);
        return SeeOther(user.MustChangePassword ? $"{PasswordPath}?returnUrl={Uri.EscapeDataString(back)}" : back);
    }

    private static string? decoyHash;

    private static string DecoyHash(IPasswordHasher<StaffUser> hasher) =>
        decoyHash ??= hasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)));

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn)
    {
        // A cross-site post must not sign anyone out.
        if (!await FormInput.IsAntiforgeryValidAsync(antiforgery, http)) return StaleForm();
        await signIn.SignOutAsync();
        return SeeOther(LoginPath + "?signedOut=true");
    }

    private static async Task<IResult> ChangePasswordAsync(
        [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword, [FromForm] string? returnUrl,
        HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn, PlatformDbContext db, AuditLog audit)
    {
        if (!await FormInput.IsAntiforgeryValidAsync(antiforgery, http)) return StaleForm();
        var back = LocalOr(returnUrl, "/admin");
        string Again(string error) => $"{PasswordPath}?error={error}&returnUrl={Uri.EscapeDataString(back)}";
        var user = await signIn.UserManager.GetUserAsync(http.User);
        if (user is null) return SeeOther(Login("failed", back, null));
        if (string.IsNullOrEmpty(newPassword) || newPassword != confirmPassword) return SeeOther(Again("NotConfirmed"));
        if (newPassword == currentPassword) return SeeOther(Again("SamePassword"));

        user.MustChangePassword = false;
        audit.Record(db, http.User, StaffAuditActions.AccountPasswordChange, user.UserName!);
        var result = await signIn.UserManager.ChangePasswordAsync(user, currentPassword ?? "", newPassword);
        // Refused: nothing saves this request's context again, so the unsaved audit entry and flag end with it.
        if (!result.Succeeded) return SeeOther(Again(result.Errors.First().Code));
        // A fresh cookie without the one-time-password claim (the change renewed the security stamp).
        await signIn.RefreshSignInAsync(user);
        return SeeOther(back);
    }

    // Until the one-time password is changed, the account can only change it or sign out: admin pages redirect to the
    // form, the REST API (the same rights by another door) answers 403.
    private static async Task RequirePasswordChange(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path;
        if (http.User.HasClaim(c => c.Type == StaffClaimsFactory.MustChangePasswordClaim))
        {
            if (path.StartsWithSegments("/api"))
            {
                await ProblemResponse.WriteAsync(http, StatusCodes.Status403Forbidden, "Password change required",
                    $"This account still has its one-time password; change it at {PasswordPath} before using the API.");
                return;
            }
            if (path.StartsWithSegments("/admin")
                && !path.StartsWithSegments(PasswordPath) && !path.StartsWithSegments("/admin/logout")
                && !path.StartsWithSegments(LoginPath) && !path.StartsWithSegments("/admin/denied"))
            {
                http.Response.Redirect($"{PasswordPath}?returnUrl={Uri.EscapeDataString(path + http.Request.QueryString)}");
                return;
            }
        }
        await next(http);
    }

    // Longer return addresses are not ours (and would make the redirect's headers larger than proxies accept).
    private const int MaxReturnUrl = 2048;

    /// <summary>
    /// The URL if it is a path on this site, else <paramref name="fallback"/>: a sign-in must not send anyone elsewhere.
    /// Browsers drop tabs and line breaks from URLs and read <c>\</c> as <c>/</c>, so <c>/%09/evil.example</c> (a tab after
    /// decoding) would become the off-site <c>//evil.example</c>: any control or space character, a second leading slash or
    /// backslash, and a scheme are all refused.
    /// </summary>
    public static string LocalOr(string? url, string fallback) =>
        url is { Length: > 0 and <= MaxReturnUrl } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
        && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : fallback;

    // The name is given back so only the password needs typing again; one longer than any account's is not echoed.
    private static string Login(string error, string returnUrl, string? userName) =>
        $"{LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}" +
        (string.IsNullOrWhiteSpace(userName) || userName.Trim().Length > MaxUserName ? "" : "&userName=" + Uri.EscapeDataString(userName.Trim()));

    private const int MaxUserName = 256;

    // A name no account can have (too long, or with characters user names may not hold, such as NUL, which the
    // database would refuse in a query) is answered like any unknown name, without asking the database.
    private static bool CouldBeAUserName(string name, string allowed) =>
        name.Length <= MaxUserName && (allowed.Length == 0 ? !name.Any(char.IsControl) : name.All(allowed.Contains));

    private static IResult StaleForm() => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Form expired",
        detail: "The form was not sent from this site or has expired; reload the page and try again.");

    private static IResult SeeOther(string url) => new SeeOtherResult(url);

    private sealed class SeeOtherResult(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }
}
