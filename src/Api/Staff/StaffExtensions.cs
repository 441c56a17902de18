using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Staff;

/// <summary>
/// Registers what staff pages and endpoints need: Identity accounts and roles on the platform database, the staff
/// cookie (the default scheme; the participant and API-key policies name their own schemes), role policies,
/// study access, account administration and the audit log.
/// </summary>
public static class StaffExtensions
{
    /// <summary>Name of the staff cookie.</summary>
    public const string CookieName = "il_staff";

    /// <summary>Adds Identity, the staff cookie, the staff policies, <see cref="IStudyAccess"/> and <see cref="AuditLog"/>.</summary>
    public static IHostApplicationBuilder AddStaff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<IStudyAccess, StudyAccess>();
        builder.Services.AddScoped<StaffAccountService>();
        builder.Services.AddScoped<IStaffAccounts>(sp => sp.GetRequiredService<StaffAccountService>());
        builder.Services.AddScoped<IStudySharing, StudySharingService>();
        builder.Services.AddScoped<IStudyApiKeys, StudyApiKeyService>();
        builder.Services.AddScoped<AuditSearch>();

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddIdentityCookies();
        builder.Services.AddIdentityCore<StaffUser>(o =>
            {
                // Lockout marks accounts an admin disabled; failed sign-ins never lock (StaffAccountEndpoints says why).
                o.Lockout.AllowedForNewUsers = true;
                // Length over character classes (NIST 800-63B); generated passwords are 24 random characters.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<PlatformDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        // Identity's own stamp check (it also refreshes the role claims) runs every minute; StaffStanding, on every request.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/admin/login";
            o.LogoutPath = "/admin/logout";
            o.AccessDeniedPath = "/admin/denied";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = ValidateStandingAsync;
            // API clients cannot follow a redirect to a login form: they get a ProblemDetails status instead.
            o.Events.OnRedirectToLogin = c => IsApi(c.Request)
                ? c.HttpContext.Items.ContainsKey(ChangedAccount)
                    ? WriteProblem(c.HttpContext, StatusCodes.Status401Unauthorized, StaffStanding.ChangedTitle, StaffStanding.Changed().Detail)
                : WriteProblem(c.HttpContext, StatusCodes.Status401Unauthorized, "Sign-in required", AcceptsKeys(c.HttpContext)
                    ? $"Sign in to the admin area, or send an API key as 'Authorization: Bearer {ApiKeys.ApiKeyService.KeyPrefix}…'."
                    : "Sign in to the admin area first.")
                : Redirect(c);
            o.Events.OnRedirectToAccessDenied = c => IsApi(c.Request)
                ? WriteProblem(c.HttpContext, StatusCodes.Status403Forbidden, "Not allowed", "Your role does not allow this.")
                : Redirect(c);
        });

        // The staff policies name the staff cookie, so no other scheme (participant cookie, API key) can satisfy them
        // even if the default scheme changes.
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Admin, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireRole(StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Researcher, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(StaffRoles.Admin, StaffRoles.Researcher))
            .AddPolicy(StaffPolicies.Annotator, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(StaffRoles.Admin, StaffRoles.Reviewer, StaffRoles.Annotator));
        return builder;
    }

    private const string ChangedAccount = "il:staff-account-changed";

    // A cookie whose account was disabled, deleted, re-roled or given a new password since sign-in opens nothing, from
    // the next request on: every door (pages, the REST API, exports, the jobs dashboard) sees an anonymous caller. A
    // page already open is the circuit's business (StaffCircuitAuthentication in the web host).
    private static async Task ValidateStandingAsync(CookieValidatePrincipalContext c)
    {
        var services = c.HttpContext.RequestServices;
        if (c.Principal is { } user && !await StaffStanding.IsCurrentAsync(services.GetRequiredService<PlatformDbContext>(), user,
                services.GetRequiredService<TimeProvider>().GetUtcNow(), c.HttpContext.RequestAborted))
        {
            c.RejectPrincipal();
            c.HttpContext.Items[ChangedAccount] = true;
            await c.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(c);
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    // Endpoints that scripts may call with a key (exports, imports) say so to a caller who brought neither.
    private static bool AcceptsKeys(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Any(a => a.Policy is ApiKeys.StaffOrApiKey.ReadPolicy or ApiKeys.StaffOrApiKey.ImportPolicy) == true;

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> c)
    {
        c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }

    internal static Task WriteProblem(HttpContext http, int status, string title, string detail) =>
        ProblemResponse.WriteAsync(http, status, title, detail);
}
