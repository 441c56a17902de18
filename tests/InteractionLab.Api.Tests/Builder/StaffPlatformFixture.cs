using System.Security.Claims;
using System.Text.Encodings.Web;
using InteractionLab.Api.Data;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Tests.Builder;

/// <summary>
/// The real platform on real PostgreSQL, plus a header-based staff sign-in for the admin REST endpoints until
/// the staff cookie exists: <c>X-Test-User</c> and <c>X-Test-Role</c> become the principal's name and role.
/// </summary>
public sealed class StaffPlatformFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public PlatformFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new StaffFactory(Database.ConnectionString);
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

    /// <summary>A client signed in as <paramref name="user"/> with <paramref name="role"/>.</summary>
    public HttpClient Client(string user, string role)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add(HeaderAuthentication.UserHeader, user);
        client.DefaultRequestHeaders.Add(HeaderAuthentication.RoleHeader, role);
        return client;
    }

    /// <summary>A principal as the staff cookie will carry it.</summary>
    public static ClaimsPrincipal Staff(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    private sealed class StaffFactory(string cs) : PlatformFactory(cs)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(o => o.DefaultScheme = HeaderAuthentication.SchemeName);
            });
        }
    }

    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "test-staff";
        public const string UserHeader = "X-Test-User";
        public const string RoleHeader = "X-Test-Role";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var user = Request.Headers[UserHeader].ToString();
            if (user.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
            var principal = Staff(user, Request.Headers[RoleHeader].ToString());
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(principal.Identities.Single().Clone()) , SchemeName)));
        }
    }
}
