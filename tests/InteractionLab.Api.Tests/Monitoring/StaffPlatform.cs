using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Tests.Monitoring;

/// <summary>
/// The real platform on its own database, plus a stand-in staff sign-in until the Identity login lands: a request
/// names its user and role in headers. Everything behind the sign-in (policies, study access, services) is real.
/// </summary>
public sealed class StaffPlatform : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public PlatformFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new Host(Database.ConnectionString);
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

    /// <summary>An HTTP client signed in as <paramref name="name"/> (no sign-in when null).</summary>
    public HttpClient Client(string? name, string role = StaffRoles.Researcher)
    {
        var client = Factory.CreateRawClient();
        if (name is not null)
        {
            client.DefaultRequestHeaders.Add(TestSignIn.UserHeader, name);
            client.DefaultRequestHeaders.Add(TestSignIn.RoleHeader, role);
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

    private sealed class Host(string connectionString) : PlatformFactory(connectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s
                .AddAuthentication(o => o.DefaultScheme = TestSignIn.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, TestSignIn>(TestSignIn.SchemeName, null));
        }
    }

    private sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "test-staff";
        public const string UserHeader = "X-Test-User";
        public const string RoleHeader = "X-Test-Role";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var name)) return Task.FromResult(AuthenticateResult.NoResult());
            var principal = User(name.ToString(), Request.Headers[RoleHeader].ToString());
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
    }
}
