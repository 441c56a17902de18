using System.Net;
using System.Text.RegularExpressions;
using InteractionLab.Api.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Testing;

/// <summary>
/// Staff accounts for tests: create a user with a role in a <see cref="PlatformFactory"/>'s database, and get an
/// <see cref="HttpClient"/> (cookie container, redirects not followed) signed in through the real sign-in form —
/// antiforgery token fetched from the page, credentials posted like a browser does.
/// </summary>
public static partial class StaffLogin
{
    /// <summary>Password given to users created here (long enough for the platform's rules).</summary>
    public const string DefaultPassword = "test-password-0123";

    /// <summary>Creates a user with <paramref name="role"/> and a password that need not be changed; returns its id.</summary>
    public static async Task<Guid> CreateUserAsync(this PlatformFactory factory, string userName, string role, string password = DefaultPassword)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, CreatedAt = DateTimeOffset.UtcNow };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return user.Id;
    }

    /// <summary>A new client with a cookie container that does not follow redirects (to see where each answer points).</summary>
    public static HttpClient CreateBrowserClient(this PlatformFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates a user with <paramref name="role"/> (a unique name unless given) and returns a client signed in as them.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this PlatformFactory factory, string role, string? userName = null)
    {
        userName ??= $"{role}-{Guid.NewGuid():N}"[..20];
        await factory.CreateUserAsync(userName, role);
        return await factory.SignInAsync(userName);
    }

    /// <summary>A client signed in as an existing user; throws when the sign-in form does not accept the credentials.</summary>
    public static async Task<HttpClient> SignInAsync(this PlatformFactory factory, string userName, string password = DefaultPassword)
    {
        var client = factory.CreateBrowserClient();
        using var response = await client.PostLoginAsync(userName, password);
        var location = response.Headers.Location?.OriginalString;
        if (response.StatusCode != HttpStatusCode.SeeOther || location != "/admin")
            throw new InvalidOperationException($"Signing in as '{userName}' answered {(int)response.StatusCode} → {location}.");
        return client;
    }

    /// <summary>Signs in through the form with a client that keeps no cookies and returns the staff cookie as a <c>Cookie</c> header value.</summary>
    public static async Task<string> SignInCookieAsync(this PlatformFactory factory, string userName, string password = DefaultPassword)
    {
        using var client = factory.CreateRawClient();
        var (antiforgery, token) = await client.AntiforgeryAsync("/admin/login") ?? throw new InvalidOperationException("The sign-in page issued no antiforgery token.");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent([new("userName", userName), new("password", password), new("returnUrl", "/admin"), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var response = await client.SendAsync(post);
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("il_staff=", StringComparison.Ordinal));
    }

    /// <summary>
    /// What a browser without a cookie jar gets from a page with a form: the antiforgery cookie (a <c>Cookie</c> header
    /// value) and the form's token; null when the page has no form. <paramref name="request"/> may add headers.
    /// </summary>
    public static async Task<(string Cookie, string Token)?> AntiforgeryAsync(this HttpClient client, string path, Action<HttpRequestMessage>? request = null)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, path);
        request?.Invoke(get);
        using var page = await client.SendAsync(get);
        var token = TokenInput().Match(await page.Content.ReadAsStringAsync());
        if (!token.Success || !page.Headers.TryGetValues("Set-Cookie", out var cookies)) return null;
        var cookie = cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        return cookie is null ? null : (cookie, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    /// <summary>Fills and posts the sign-in form as a browser would; returns the endpoint's answer (a 303).</summary>
    public static Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string userName, string password, string? returnUrl = null) =>
        client.PostFormAsync("/admin/login", "/admin/login",
            [new("userName", userName), new("password", password), new("returnUrl", returnUrl ?? "/admin")]);

    /// <summary>Signs the client out through the sign-out form of the admin layout.</summary>
    public static Task<HttpResponseMessage> PostLogoutAsync(this HttpClient client) =>
        client.PostFormAsync("/admin", "/admin/logout", []);

    /// <summary>
    /// Fetches <paramref name="pagePath"/> for its antiforgery token (the cookie lands in the client's container)
    /// and posts <paramref name="fields"/> with the token to <paramref name="action"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pagePath, string action,
        IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var page = await client.GetAsync(pagePath);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {pagePath} answered {(int)page.StatusCode} → {page.Headers.Location}.");
        var form = fields.Append(new("__RequestVerificationToken", AntiforgeryToken(html)));
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token of the first form in a page.</summary>
    public static string AntiforgeryToken(string html) =>
        TokenInput().Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex TokenInput();
}
