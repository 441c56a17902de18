using Hangfire;
using Hangfire.InMemory;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Jobs;
using InteractionLab.Api.Monitoring;
using InteractionLab.Api.Registry;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Web.Tests.Admin.Dashboard;

/// <summary>
/// The admin components' real services on a real (SQLite, file-backed) platform database: the queries, the
/// lifecycle service, study access, the audit log and the activity notifier with its SaveChanges interceptor.
/// </summary>
public sealed class AdminData : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"il-admin-{Guid.NewGuid():N}.db");
    private readonly PlatformDatabase _database;
    private IServiceProvider? _services;

    public AdminData()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["ConnectionStrings:Platform"] = $"Data Source={_file};Pooling=false",
        }).Build();
        _database = PlatformDatabase.FromConfiguration(configuration);
    }

    /// <summary>Registers the services on a bUnit context's collection.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddLogging();
        services.AddSingleton(_database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StudyActivity>();
        services.AddSingleton<StudyActivityInterceptor>();
        services.AddPlatformContexts();
        services.AddSingleton<IStudyAccess, StudyAccess>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<StudyConfigCache>();
        services.AddScoped<StudyLifecycleService>();
        services.AddScoped<StudyDashboardQuery>();
        services.AddScoped<SessionDetailQuery>();
        services.AddScoped<InteractionLab.Api.Studies.IStudyTaskTypes, InteractionLab.Api.Studies.StudyTaskTypes>();
        services.AddScoped<InteractionLab.Api.MoralGraph.MoralGraphPhases>();
        services.AddScoped<TaskReplayQuery>();
        services.AddSingleton(InteractionLab.Api.Tasks.TaskCatalog.Discovered());
        services.AddScoped<InteractionLab.Api.Stimuli.StimulusStore>();
        // The launch check asks endpoints for their models: the real lister, with no endpoint defined here.
        services.AddOptions();
        services.AddHttpClient();
        services.AddDataProtection();
        services.AddSingleton<ModelEndpointKeys>();
        services.AddSingleton<ChatClientRegistry>();
        services.AddSingleton<EndpointModelLister>();
        services.AddSingleton<ConditionModelCheck>();
        services.AddScoped<StudyLinkService>();
    }

    /// <summary>
    /// Background jobs as the app starts them, on Hangfire's in-memory storage with no server: a started job waits in
    /// its queue (as on a busy platform) until the test runs it.
    /// </summary>
    public static void RegisterJobs(IServiceCollection services)
    {
        services.AddSingleton<JobStorage>(new InMemoryStorage());
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<JobStore>();
    }

    /// <summary>Creates the schema once the provider is built; call after <see cref="Register"/>.</summary>
    public void Start(IServiceProvider services)
    {
        _services = services;
        // No debounce: a test waits for the re-render it expects, never for a clock to run out.
        services.GetRequiredService<StudyActivity>().Debounce = TimeSpan.Zero;
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.EnsureCreated();
    }

    /// <summary>A context of the test's provider (saves go through the interceptor like the app's).</summary>
    public AsyncServiceScope Scope(out PlatformDbContext db)
    {
        var scope = _services!.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return scope;
    }

    /// <summary>A demo-config study owned by <paramref name="owner"/>.</summary>
    public async Task<Guid> CreateStudyAsync(string owner, StudyStatus status, Func<StudyConfig, StudyConfig>? change = null)
    {
        await using var scope = Scope(out var db);
        var config = (change ?? (c => c))(DemoStudy.Config());
        var study = await PlatformSeeder.CreateStudyAsync(db, "w" + Guid.NewGuid().ToString("N")[..10], owner, config, status, TimeProvider.System);
        return study.Id;
    }

    /// <summary>Adds a session (as a participant's consent would) and returns it.</summary>
    public async Task<Session> AddSessionAsync(Guid studyId, SessionStatus status = SessionStatus.InProgress, int stage = 1, string condition = "warm")
    {
        await using var scope = Scope(out var db);
        var version = await db.StudyVersions.Where(v => v.StudyId == studyId).Select(v => new { v.Id, v.ConfigHash }).SingleAsync();
        var participant = new Api.Data.Participant { CreatedAt = DateTimeOffset.UtcNow };
        db.Participants.Add(participant);
        var now = DateTimeOffset.UtcNow;
        var session = new Session
        {
            StudyId = studyId, StudyVersionId = version.Id, ParticipantId = participant.Id, ConfigHash = version.ConfigHash,
            ConditionKey = condition, Status = status, StageIndex = stage, StartedAt = now.AddMinutes(-12), LastSeenAt = now,
            CompletedAt = status == SessionStatus.Completed ? now : null,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    public void Dispose()
    {
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { File.Delete(_file); } catch (IOException) { }
    }
}
