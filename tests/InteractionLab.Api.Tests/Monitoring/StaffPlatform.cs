using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Monitoring;

/// <summary>
/// The real platform on its own database; staff clients sign in through the real sign-in form (Identity cookie),
/// as a researcher's browser or script would.
/// </summary>
public sealed class StaffPlatform : IAsyncLifetime
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

    public AsyncServiceScope Scope(out PlatformDbContext db)
    {
        var scope = Factory.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return scope;
    }

    /// <summary>A staff member as the services see them.</summary>
    public static ClaimsPrincipal User(string name, string role = StaffRoles.Researcher) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

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
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>A study owned by <paramref name="owner"/> from the demo config (optionally changed).</summary>
    public async Task<(string Slug, Guid Id)> CreateStudyAsync(string owner, StudyStatus status, Func<StudyConfig, StudyConfig>? change = null)
    {
        var slug = "m" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = Scope(out var db);
        var study = await PlatformSeeder.CreateStudyAsync(db, slug, owner, (change ?? (c => c))(DemoStudy.Config()), status, TimeProvider.System);
        return (slug, study.Id);
    }
}
