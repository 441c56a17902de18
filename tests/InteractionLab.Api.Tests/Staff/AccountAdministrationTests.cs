using System.Net;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Testing;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>
/// What the users page does, through <see cref="IStaffAccounts"/> as the page calls it, checked by signing in
/// through the real form: one-time passwords that force a change, resets, locks, roles, deletion, and an audit
/// entry for each.
/// </summary>
public sealed class AccountAdministrationTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly System.Security.Claims.ClaimsPrincipal Boss = StaffTestSupport.Principal("boss", StaffRoles.Admin);

    private static string NewName() => "u" + Guid.NewGuid().ToString("N")[..10];

    private Task<string> CreateAsync(string name, string role) => platform.WithAsync<IStaffAccounts, string>(a => a.CreateAsync(Boss, name, role));

    private async Task<StaffUserView> ViewAsync(string name) =>
        (await platform.WithAsync<IStaffAccounts, IReadOnlyList<StaffUserView>>(a => a.ListAsync())).Single(u => u.UserName == name);

    private async Task<HttpClient> SignInWithOneTimePasswordAsync(string name, string password)
    {
        var client = platform.Factory.CreateBrowserClient();
        using var login = await client.PostLoginAsync(name, password, "/admin");
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/admin/account/password?returnUrl=%2Fadmin", login.Headers.Location?.OriginalString);
        return client;
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next, string? confirm = null) =>
        client.PostFormAsync("/admin/account/password", "/admin/account/password",
            [new("currentPassword", current), new("newPassword", next), new("confirmPassword", confirm ?? next), new("returnUrl", "/admin")]);

    [Fact]
    public async Task ANewUserSignsInWithTheOneTimePasswordAndMustChooseTheirOwnBeforeAnythingElse()
    {
        var name = NewName();
        var password = await CreateAsync(name, StaffRoles.Researcher);
        Assert.True(password.Length >= 16);
        Assert.True((await ViewAsync(name)).MustChangePassword);

        using var client = await SignInWithOneTimePasswordAsync(name, password);
        using (var held = await client.GetAsync("/admin"))
        {
            Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
            Assert.StartsWith("/admin/account/password", held.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        Assert.Contains("one-time password", await client.GetStringAsync("/admin/account/password"), StringComparison.Ordinal);

        using (var mismatch = await ChangePasswordAsync(client, password, "my-own-password-1", "my-own-password-2"))
            Assert.StartsWith("/admin/account/password?error=NotConfirmed", mismatch.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using (var wrong = await ChangePasswordAsync(client, "not-the-current-one", "my-own-password-1"))
            Assert.StartsWith("/admin/account/password?error=PasswordMismatch", wrong.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using (var shortOne = await ChangePasswordAsync(client, password, "short"))
        {
            var back = shortOne.Headers.Location!.OriginalString;
            Assert.StartsWith("/admin/account/password?error=PasswordTooShort", back, StringComparison.Ordinal);
            Assert.Contains("at least 12 characters", await client.GetStringAsync(back), StringComparison.Ordinal);
        }
        using (var changed = await ChangePasswordAsync(client, password, "my-own-password-1"))
            Assert.Equal("/admin", changed.Headers.Location?.OriginalString);

        using (var home = await client.GetAsync("/admin")) Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.False((await ViewAsync(name)).MustChangePassword);
        using var again = await platform.Factory.SignInAsync(name, "my-own-password-1");
        Assert.Equal(
            [("boss", StaffAuditActions.AccountCreate), (name, StaffAuditActions.AccountPasswordChange)],
            (await platform.AuditOfAsync(name)).Select(e => (e.Actor, e.Action)));
    }

    [Fact]
    public async Task AnAdminPasswordResetReplacesThePasswordEndsOpenSessionsAndForcesAChange()
    {
        var name = NewName();
        var id = await platform.Factory.CreateUserAsync(name, StaffRoles.Researcher);

        var oneTime = await platform.WithAsync<IStaffAccounts, string>(a => a.ResetPasswordAsync(Boss, id));

        using var old = platform.Factory.CreateBrowserClient();
        using (var refused = await old.PostLoginAsync(name, StaffLogin.DefaultPassword))
            Assert.StartsWith("/admin/login?error=failed", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var client = await SignInWithOneTimePasswordAsync(name, oneTime);
        using (var changed = await ChangePasswordAsync(client, oneTime, "after-reset-password"))
            Assert.Equal("/admin", changed.Headers.Location?.OriginalString);
        Assert.Contains(await platform.AuditOfAsync(name), e => e is { Actor: "boss", Action: StaffAuditActions.AccountPasswordReset });
    }

    [Fact]
    public async Task ALockedAccountCannotSignInUntilUnlockedAndTheMessageSaysAnAdminDisabledIt()
    {
        var name = NewName();
        var id = await platform.Factory.CreateUserAsync(name, StaffRoles.Annotator);

        await platform.WithAsync<IStaffAccounts>(a => a.LockAsync(Boss, id));

        Assert.True((await ViewAsync(name)).Disabled);
        using var client = platform.Factory.CreateBrowserClient();
        using (var refused = await client.PostLoginAsync(name, StaffLogin.DefaultPassword))
        {
            Assert.StartsWith("/admin/login?error=disabled", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Contains("disabled by an admin", await client.GetStringAsync(refused.Headers.Location!.OriginalString), StringComparison.Ordinal);
        }

        await platform.WithAsync<IStaffAccounts>(a => a.UnlockAsync(Boss, id));

        Assert.Null((await ViewAsync(name)).LockedUntil);
        using var signedIn = await platform.Factory.SignInAsync(name);
        Assert.Equal([StaffAuditActions.AccountLock, StaffAuditActions.AccountUnlock], (await platform.AuditOfAsync(name)).Select(e => e.Action));
    }

    [Fact]
    public async Task ChangingTheRoleChangesWhatTheUserMayOpen()
    {
        var name = NewName();
        var id = await platform.Factory.CreateUserAsync(name, StaffRoles.Annotator);

        await platform.WithAsync<IStaffAccounts>(a => a.ChangeRoleAsync(Boss, id, StaffRoles.Admin));

        Assert.Equal(StaffRoles.Admin, (await ViewAsync(name)).Role);
        using var client = await platform.Factory.SignInAsync(name);
        using var users = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        var entry = Assert.Single(await platform.AuditOfAsync(name));
        Assert.Equal((StaffAuditActions.AccountRole, "annotator → admin"), (entry.Action, entry.Detail));
    }

    [Fact]
    public async Task ADeletedAccountCannotSignIn()
    {
        var name = NewName();
        var id = await platform.Factory.CreateUserAsync(name, StaffRoles.Researcher);

        await platform.WithAsync<IStaffAccounts>(a => a.DeleteAsync(Boss, id));

        Assert.DoesNotContain(await platform.WithAsync<IStaffAccounts, IReadOnlyList<StaffUserView>>(a => a.ListAsync()), u => u.UserName == name);
        using var client = platform.Factory.CreateBrowserClient();
        using var refused = await client.PostLoginAsync(name, StaffLogin.DefaultPassword);
        Assert.StartsWith("/admin/login?error=failed", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(StaffAuditActions.AccountDelete, Assert.Single(await platform.AuditOfAsync(name)).Action);
    }

    [Fact]
    public async Task AnAdminCannotLockDeleteOrDemoteTheirOwnAccount()
    {
        var name = NewName();
        var id = await platform.Factory.CreateUserAsync(name, StaffRoles.Admin);
        var self = StaffTestSupport.Principal(name, StaffRoles.Admin);

        foreach (var action in new Func<IStaffAccounts, Task>[]
                 { a => a.LockAsync(self, id), a => a.DeleteAsync(self, id), a => a.ChangeRoleAsync(self, id, StaffRoles.Researcher) })
        {
            var problem = await Assert.ThrowsAsync<PlatformProblemException>(() => platform.WithAsync(action));
            Assert.Equal(409, problem.Status);
            Assert.Contains("your own account", problem.Detail, StringComparison.Ordinal);
        }
        Assert.Equal((StaffRoles.Admin, false), ((await ViewAsync(name)).Role, (await ViewAsync(name)).Disabled));
        Assert.Empty(await platform.AuditOfAsync(name));
    }

    [Theory]
    [InlineData("", StaffRoles.Researcher, "Enter a user name")]
    [InlineData("someone", "superuser", "'superuser' is not a role")]
    [InlineData("bad name!", StaffRoles.Researcher, "is invalid")]
    public async Task BadInputIsRefusedWithAMessage(string name, string role, string message)
    {
        var problem = await Assert.ThrowsAsync<PlatformProblemException>(() => CreateAsync(name, role));
        Assert.Equal(400, problem.Status);
        Assert.Contains(message, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADuplicateUserNameIsRefusedAndTheExistingAccountKept()
    {
        var name = NewName();
        await platform.Factory.CreateUserAsync(name, StaffRoles.Researcher);

        var problem = await Assert.ThrowsAsync<PlatformProblemException>(() => CreateAsync(name, StaffRoles.Admin));

        Assert.Contains("already taken", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(StaffRoles.Researcher, (await ViewAsync(name)).Role);
        using var client = await platform.Factory.SignInAsync(name);
        Assert.Empty(await platform.AuditOfAsync(name));
    }
}
