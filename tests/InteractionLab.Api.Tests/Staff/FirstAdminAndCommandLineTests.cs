using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>
/// The first start creates the admin with a one-time password printed once; <c>create-user</c> on the command
/// line (the built app, run as its own process) prints another. Both passwords sign in and must be changed.
/// </summary>
public sealed partial class FirstAdminAndCommandLineTests : IAsyncLifetime
{
    // Empty, not a clone of the migrated template: the first start migrates a new database for real, as in production.
    private readonly PostgresDatabase _database = PostgresDatabase.Empty();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task TheFirstStartCreatesTheAdminAndCreateUserPrintsAOneTimePassword()
    {
        var first = await RunAsync("create-user", "--name", "rita", "--role", StaffRoles.Researcher);

        Assert.Equal(0, first.ExitCode);
        var adminPassword = Assert.Single(AdminLine().Matches(first.Output)).Groups[1].Value;
        var ritaPassword = Assert.Single(UserLine().Matches(first.Output)).Groups[1].Value;
        Assert.NotEqual(adminPassword, ritaPassword);

        var again = await RunAsync("create-user", "--name", "rita", "--role", StaffRoles.Admin);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already taken", again.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(AdminLine(), again.Output);

        var wrongRole = await RunAsync("create-user", "--name", "sam", "--role", "boss");
        Assert.Equal(1, wrongRole.ExitCode);
        Assert.Contains("'boss' is not a role", wrongRole.Output, StringComparison.Ordinal);

        await using var factory = new PlatformFactory(_database.ConnectionString);
        foreach (var (name, password) in new[] { ("admin", adminPassword), ("rita", ritaPassword) })
        {
            using var client = factory.CreateBrowserClient();
            using var login = await client.PostLoginAsync(name, password);
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
            Assert.StartsWith("/admin/account/password", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.Equal([StaffRoles.Admin], await users.GetRolesAsync((await users.FindByNameAsync("admin"))!));
        Assert.Equal([StaffRoles.Researcher], await users.GetRolesAsync((await users.FindByNameAsync("rita"))!));
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal([("system", "admin"), ("command-line", "rita")],
            (await db.AuditEntries.Where(e => e.Action == StaffAuditActions.AccountCreate).OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Actor, e.Target)));
        Assert.Equal(StaffRoles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var (webDir, dll) = WebApp.Locate();
        var work = Directory.CreateTempSubdirectory("il-cli-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = work.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // The command comes first, as with `dotnet run --project src/Web -- create-user …`.
            foreach (var a in new[] { dll }.Concat(args).Concat(["--contentRoot", webDir])) start.ArgumentList.Add(a);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__Platform"] = _database.ConnectionString;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The command did not finish:\n" + await output + await error);
            }
            return (process.ExitCode, await output + await error);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"Created admin account 'admin' with password: (\S{16,})")]
    private static partial Regex AdminLine();

    [GeneratedRegex(@"Created researcher account 'rita' with password: (\S{16,})")]
    private static partial Regex UserLine();
}
