using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Infrastructure;

/// <summary>
/// One database (a clone of the migrated template) and one running platform per test class: the fixture every
/// PostgreSQL platform fixture of these tests is. A fixture for a special case derives from it to start what the
/// platform talks to before it starts (e.g. a scripted model server, with the settings that point at it) and stop that
/// after it stops. Staff clients sign in through the real sign-in form (Identity cookie), as a researcher's browser
/// or script would.
/// </summary>
public class PlatformFixture : IAsyncLifetime, ITestPlatform
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _users = new();

    public PostgresDatabase Database { get; } = new();
    public PlatformFactory Factory { get; private set; } = null!;

    /// <summary>The platform's warnings and errors, for tests about what is logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Whether <see cref="ClientAsync"/>'s clients ask for JSON (<c>Accept: application/json</c>), as API scripts do.</summary>
    protected virtual bool ClientsAcceptJson => false;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new PlatformFactory(Database.ConnectionString, await StartDependenciesAsync()) { Logs = Logs };
        // Starting the host seeds the demo study (the clone of the template has every migration already).
        _ = Factory.Server;
    }

    /// <summary>Starts what the platform needs besides its database; returns the settings that point the platform at it.</summary>
    protected virtual Task<IDictionary<string, string?>> StartDependenciesAsync() =>
        Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());

    /// <summary>Stops what <see cref="StartDependenciesAsync"/> started (after the platform has stopped).</summary>
    protected virtual ValueTask StopDependenciesAsync() => ValueTask.CompletedTask;

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await StopDependenciesAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A fresh context on the test database (for setting up and checking rows).</summary>
    public AsyncServiceScope Scope(out PlatformDbContext db)
    {
        var scope = Factory.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return scope;
    }

    /// <summary>
    /// A client signed in as <paramref name="name"/> (anonymous when null), who is created with
    /// <paramref name="role"/> the first time a test of this fixture asks for them (a name keeps its first role).
    /// </summary>
    public async Task<HttpClient> ClientAsync(string? name, string role = StaffRoles.Researcher)
    {
        HttpClient client;
        if (name is null)
            client = Factory.CreateBrowserClient();
        else
        {
            await _users.GetOrAdd(name, user => new Lazy<Task>(() => Factory.CreateUserAsync(user, role))).Value;
            client = await Factory.SignInAsync(name);
        }
        if (ClientsAcceptJson) client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>A staff member as the services see them (as the staff cookie carries them), for calling services directly.</summary>
    public static ClaimsPrincipal User(string name, string role = StaffRoles.Researcher) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));
}
