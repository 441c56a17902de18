using InteractionLab.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http.Connections;

namespace InteractionLab.Testing;

/// <summary>
/// The whole platform (the real <c>Program</c>) on a given PostgreSQL database. By default it runs on the
/// in-memory TestServer; call <see cref="StartKestrel"/> to serve on a real port (Playwright, benchmarks).
/// Migrations and the demo study are applied by the app's own startup.
/// </summary>
public class PlatformFactory : WebApplicationFactory<Program>
{
    private static readonly Lazy<string> ModelsDirectory = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), $"interactionlab-models-{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return dir;
    });

    private readonly Dictionary<string, string?> _settings;

    /// <summary>Rate limits high enough that no functional test meets them.</summary>
    public static readonly IReadOnlyDictionary<string, string?> GenerousRateLimits = new Dictionary<string, string?>
    {
        ["RateLimits:SignInPerMinute"] = "100000",
        ["RateLimits:ParticipantDoorPerMinute"] = "100000",
        ["RateLimits:ParticipantDoorPerStudyPerMinute"] = "100000",
        ["RateLimits:HubConnectionsPerMinute"] = "100000",
        ["RateLimits:HubCallsPerSecond"] = "100000",
        ["RateLimits:HubCallBurst"] = "100000",
    };
    private readonly StreamHold? _hold;
    private bool _kestrel;

    /// <summary>
    /// A factory on <paramref name="connectionString"/> (PostgreSQL) with optional extra settings. With
    /// <paramref name="hold"/>, the in-process model's clients are <see cref="PausableChatClient"/>s sharing it, so a
    /// test can hold a real reply mid-stream (the only test-side change to the platform).
    /// </summary>
    public PlatformFactory(string connectionString, IDictionary<string, string?>? settings = null, StreamHold? hold = null)
    {
        _hold = hold;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Postgres),
            ["ConnectionStrings:Platform"] = connectionString,
            // The in-process engine writes the demo models here once per test process (not into the repo).
            ["Inference:ModelsDirectory"] = ModelsDirectory.Value,
            ["Inference:GenerateDemoModels"] = "true",
            // Hangfire's default poll is 15 s; a test waits for its job to start.
            ["Jobs:QueuePollInterval"] = "00:00:00.250",
        };
        // Every client of a test shares one address (TestServer has none at all): the production limits would turn
        // a test's hundredth participant away. The rate-limit tests pass the real limits back in.
        foreach (var (key, value) in GenerousRateLimits) _settings[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    /// <summary>More services for the host (e.g. an in-memory telemetry exporter), added after the app's own.</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    /// <summary>A factory with explicit settings (e.g. the SQLite provider).</summary>
    public static PlatformFactory WithSettings(IDictionary<string, string?> settings) =>
        new(settings.TryGetValue("ConnectionStrings:Platform", out var cs) ? cs ?? "" : "", settings);

    /// <summary>The hosting environment (Development unless a test needs production behaviour such as HSTS).</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Receives every log entry of the platform as well (for tests about what is logged).</summary>
    public CapturedLogs? Logs { get; init; }

    /// <summary>Base address of the running server (Kestrel's real URL once started).</summary>
    public Uri ServerAddress
    {
        get
        {
            if (!_kestrel) return Server.BaseAddress;
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
                ?? throw new InvalidOperationException("The server reports no addresses.");
            return new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        }
    }

    /// <summary>Serves on a free port of real Kestrel and starts the server; returns its address.</summary>
    public Uri StartKestrel()
    {
        _kestrel = true;
        UseKestrel(0);
        StartServer();
        // CreateClient() then talks to the real port.
        ClientOptions.BaseAddress = ServerAddress;
        return ServerAddress;
    }

    /// <summary>
    /// An HTTP client that neither follows redirects nor keeps cookies (to inspect 303s and Set-Cookie), on
    /// TestServer or on the real port alike.
    /// </summary>
    public HttpClient CreateRawClient()
    {
        HttpMessageHandler handler = _kestrel
            ? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }
            : Server.CreateHandler();
        return new HttpClient(handler) { BaseAddress = ServerAddress };
    }

    /// <summary>
    /// A SignalR connection to the session hub carrying participant cookies (not started); with <paramref name="session"/>
    /// the URL names the session, as the page's trace logger does when the browser holds cookies of several studies.
    /// </summary>
    public HubConnection CreateHubConnection(string participantCookie, InteractionLab.Domain.SessionId? session = null)
    {
        var url = new Uri(ServerAddress, "hubs/session" + (session is { } s ? "?session=" + s.Value.ToString("N") : ""));
        return new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.Headers["Cookie"] = participantCookie;
                if (!_kestrel)
                {
                    // TestServer has no sockets: long polling over its in-memory handler.
                    o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                    o.Transports = HttpTransportType.LongPolling;
                }
            })
            .Build();
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        if (Logs is { } logs)
            builder.ConfigureLogging(l =>
            {
                l.AddProvider(logs);
                // Below warnings, past the app's own category levels (which would hide e.g. EF Core's information).
                if (logs.Minimum < LogLevel.Warning) l.AddFilter<CapturedLogs>(null, logs.Minimum);
            });
        if (_hold is { } hold) builder.ConfigureTestServices(services => PausableChatClientSource.Decorate(services, hold));
        if (ExtraServices is not null) builder.ConfigureServices(ExtraServices);
    }
}
