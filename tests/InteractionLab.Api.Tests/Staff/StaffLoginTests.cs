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
    public async Task WrongPasswordsNeverLockTheAccountSoNobodyCanLockOutSomeoneElse()
    {
        var (name, client) = await NewUserAsync();
        using var attacker = platform.Factory.CreateBrowserClient();
        for (var i = 1; i <= 8; i++)
        {
            using var failed = await attacker.PostLoginAsync(name, "wrong-password-" + i);
            Assert.StartsWith("/admin/login?error=failed", failed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var right = await client.PostLoginAsync(name, StaffLogin.DefaultPassword);

        Assert.Equal("/admin", right.Headers.Location!.OriginalString);
        var view = (await platform.WithAsync<IStaffAccounts, IReadOnlyList<StaffUserView>>(a => a.ListAsync())).Single(u => u.UserName == name);
        Assert.Null(view.LockedUntil);
    }

    [Fact]
    public async Task AnUnknownUserNameTakesAsLongToRefuseAsAWrongPassword()
    {
        var (name, client) = await NewUserAsync();
        var token = StaffLogin.AntiforgeryToken(await client.GetStringAsync("/admin/login"));
        var unknownName = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        async Task<double> RefusalMsAsync(string userName)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var refused = await client.PostAsync("/admin/login", new FormUrlEncodedContent(
                [new("userName", userName), new("password", "wrong-password"), new("__RequestVerificationToken", token)]));
            var elapsed = clock.Elapsed.TotalMilliseconds;
            Assert.StartsWith("/admin/login?error=failed", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
            return elapsed;
        }
        await RefusalMsAsync(name);
        await RefusalMsAsync(unknownName);

        // Interleaved, so a busy machine slows both alike; medians, so one stall does not decide.
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            known.Add(await RefusalMsAsync(name));
            unknown.Add(await RefusalMsAsync(unknownName));
        }

        // Without the decoy hash an unknown name is refused in a few milliseconds, a wrong password after tens.
        double Median(List<double> t) => t.Order().ElementAt(t.Count / 2);
        Assert.True(Median(unknown) > Median(known) * 0.5, $"unknown user {Median(unknown):F1} ms, wrong password {Median(known):F1} ms");
    }

    [Theory]
    [InlineData("/%09/attacker.example")]
    [InlineData("/\t/attacker.example")]
    [InlineData("/\n/attacker.example")]
    [InlineData("/ /attacker.example")]
    [InlineData("/admin\\..\\attacker")]
    public async Task AReturnUrlThatABrowserWouldTurnIntoAnotherSiteIsReplacedByTheAdminHome(string returnUrl)
    {
        var (name, client) = await NewUserAsync();
        // The form field holds the decoded text: a tab, a line break or a space where the URL had %09, %0A, %20.
        var decoded = Uri.UnescapeDataString(returnUrl);

        using var login = await client.PostLoginAsync(name, StaffLogin.DefaultPassword, decoded);
        var page = await client.GetStringAsync("/admin/login?returnUrl=" + Uri.EscapeDataString(decoded));

        Assert.Equal("/admin", login.Headers.Location?.OriginalString);
        Assert.Contains("name=\"returnUrl\" value=\"/admin\"", page, StringComparison.Ordinal);
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
