using System.Collections.Concurrent;
using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Builder;

/// <summary>
/// The real platform on real PostgreSQL; staff clients sign in through the real sign-in form (Identity cookie),
/// as a researcher's browser or script would.
/// </summary>
public sealed class StaffPlatformFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _users = new();

    public PostgresDatabase Database { get; } = new();
    public PlatformFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new PlatformFactory(Database.ConnectionString);
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A fresh context on the test database.</summary>
    public AsyncServiceScope Scope(out PlatformDbContext db)
    {
        var scope = Factory.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return scope;
    }

    /// <summary>
    /// A client signed in as <paramref name="user"/>, who is created with <paramref name="role"/> the first time a
    /// test of this fixture asks for them (a name keeps its first role).
    /// </summary>
    public async Task<HttpClient> ClientAsync(string user, string role)
    {
        await _users.GetOrAdd(user, name => new Lazy<Task>(() => Factory.CreateUserAsync(name, role))).Value;
        return await Factory.SignInAsync(user);
    }

    /// <summary>A principal as the staff cookie carries it, for calling services directly.</summary>
    public static ClaimsPrincipal Staff(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));
}
