using System.Net;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>The sign-in form, lockout, sign-out and the staff cookie, through HTTP like a browser.</summary>
public sealed class StaffLoginTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<(string Name, HttpClient Client)> NewUserAsync(string role = StaffRoles.Researcher)
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..10];
        await platform.Factory.CreateUserAsync(name, role);
        return (name, platform.Factory.CreateBrowserClient());
    }

    [Fact]
    public async Task TheRightPasswordSignsInAndGoesToTheRequestedLocalPage()
    {
        var (name, client) = await NewUserAsync(StaffRoles.Admin);

        using var login = await client.PostLoginAsync(name, StaffLogin.DefaultPassword, "/admin/users");

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/admin/users", login.Headers.Location?.OriginalString);
        using var users = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains(name, await users.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/admin")]
    [InlineData("//evil.example/admin")]
    [InlineData("/\\evil.example")]
    public async Task AReturnUrlOffThisSiteIsReplacedByTheAdminHome(string returnUrl)
    {
        var (name, client) = await NewUserAsync();

        using var login = await client.PostLoginAsync(name, StaffLogin.DefaultPassword, returnUrl);

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/admin", login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AWrongPasswordGoesBackToTheFormWithAClearMessageAndNoCookie()
    {
        var (name, client) = await NewUserAsync();

        using var login = await client.PostLoginAsync(name, "not-the-password", "/admin");

        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var back = login.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/login?error=failed", back, StringComparison.Ordinal);
        var form = await client.GetStringAsync(back);
        Assert.Contains("The user name or password is not correct", form, StringComparison.Ordinal);
        Assert.Contains($"value=\"{name}\"", form, StringComparison.Ordinal);
        using var admin = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
    }

    [Fact]
    public async Task AnUnknownUserGetsTheSameMessageAsAWrongPassword()
    {
        using var client = platform.Factory.CreateBrowserClient();
        using var login = await client.PostLoginAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], "whatever-password");
        Assert.StartsWith("/admin/login?error=failed", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveFailuresLockTheAccountFor15MinutesEvenForTheRightPassword()
    {
        var (name, client) = await NewUserAsync();
        for (var i = 1; i <= 4; i++)
        {
            using var failed = await client.PostLoginAsync(name, "wrong-password-" + i);
            Assert.StartsWith("/admin/login?error=failed", failed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var fifth = await client.PostLoginAsync(name, "wrong-password-5");
        Assert.StartsWith("/admin/login?error=locked", fifth.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var right = await client.PostLoginAsync(name, StaffLogin.DefaultPassword);
        Assert.StartsWith("/admin/login?error=locked", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("locked for 15 minutes", await client.GetStringAsync(right.Headers.Location!.OriginalString), StringComparison.Ordinal);

        var view = (await platform.WithAsync<IStaffAccounts, IReadOnlyList<StaffUserView>>(a => a.ListAsync())).Single(u => u.UserName == name);
        Assert.NotNull(view.LockedUntil);
        Assert.InRange(view.LockedUntil.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        Assert.False(view.Disabled);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..10];
        await platform.Factory.CreateUserAsync(name, StaffRoles.Researcher);
        using var client = await platform.Factory.SignInAsync(name);
        using (var before = await client.GetAsync("/admin")) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var logout = await client.PostLogoutAsync();

        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        Assert.Equal("/admin/login?signedOut=true", logout.Headers.Location?.OriginalString);
        using var after = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task ASignOutPostWithoutTheFormTokenIsRefused()
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..10];
        await platform.Factory.CreateUserAsync(name, StaffRoles.Researcher);
        using var client = await platform.Factory.SignInAsync(name);

        using var forged = await client.PostAsync("/admin/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var still = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task ASignInPostWithoutTheFormTokenIsRefused()
    {
        var (name, client) = await NewUserAsync();
        using var forged = await client.PostAsync("/admin/login",
            new FormUrlEncodedContent([new("userName", name), new("password", StaffLogin.DefaultPassword)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task TheStaffCookieIsHttpOnlyStrictAndLastsEightHours()
    {
        var (name, _) = await NewUserAsync();
        using var raw = platform.Factory.CreateRawClient();
        using var page = await raw.GetAsync("/admin/login");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var token = StaffLogin.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent([new("userName", name), new("password", StaffLogin.DefaultPassword), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);

        using var login = await raw.SendAsync(post);

        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(StaffExtensions.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // A session cookie (no Expires): the 8-hour sliding lifetime lives in the ticket, not the browser.
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        var options = platform.Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = options.TicketDataFormat.Unprotect(Uri.UnescapeDataString(cookie.Split(';')[0].Split('=', 2)[1]))!;
        Assert.Equal(name, ticket.Principal.Identity?.Name);
        Assert.InRange(ticket.Properties.ExpiresUtc!.Value - DateTimeOffset.UtcNow, TimeSpan.FromHours(7.9), TimeSpan.FromHours(8.1));
        Assert.True(options.SlidingExpiration);
    }
}
