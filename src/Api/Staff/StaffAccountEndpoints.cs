using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
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
        app.MapPost(LoginPath, SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/admin/logout", SignOutAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(PasswordPath, ChangePasswordAsync).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();
        app.MapStaffApi();
        return app;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return StaleForm();
        var back = LocalOr(returnUrl, "/admin");
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return SeeOther(Login("missing", back, userName));
        var user = await signIn.UserManager.FindByNameAsync(userName.Trim());
        if (user is null) return SeeOther(Login("failed", back, userName));
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return SeeOther(user.MustChangePassword ? $"{PasswordPath}?returnUrl={Uri.EscapeDataString(back)}" : back);
        if (result.IsLockedOut)
            return SeeOther(Login(user.LockoutEnd >= StaffAccountService.DisabledUntil ? "disabled" : "locked", back, userName));
        return SeeOther(Login("failed", back, userName));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn)
    {
        // A cross-site post must not sign anyone out.
        if (!await antiforgery.IsRequestValidAsync(http)) return StaleForm();
        await signIn.SignOutAsync();
        return SeeOther(LoginPath + "?signedOut=true");
    }

    private static async Task<IResult> ChangePasswordAsync(
        [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword, [FromForm] string? returnUrl,
        HttpContext http, IAntiforgery antiforgery, SignInManager<StaffUser> signIn, PlatformDbContext db, AuditLog audit)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return StaleForm();
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

    private static async Task RequirePasswordChange(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path;
        if (http.User.HasClaim(c => c.Type == StaffClaimsFactory.MustChangePasswordClaim)
            && path.StartsWithSegments("/admin")
            && !path.StartsWithSegments(PasswordPath) && !path.StartsWithSegments("/admin/logout")
            && !path.StartsWithSegments(LoginPath) && !path.StartsWithSegments("/admin/denied"))
        {
            http.Response.Redirect($"{PasswordPath}?returnUrl={Uri.EscapeDataString(path + http.Request.QueryString)}");
            return;
        }
        await next(http);
    }

    /// <summary>The URL if it is a path on this site, else <paramref name="fallback"/>: a sign-in must not send anyone elsewhere.</summary>
    public static string LocalOr(string? url, string fallback) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("://", StringComparison.Ordinal)
            ? url
            : fallback;

    private static string Login(string error, string returnUrl, string? userName) =>
        $"{LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}" +
        (string.IsNullOrWhiteSpace(userName) ? "" : "&userName=" + Uri.EscapeDataString(userName.Trim()));

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
