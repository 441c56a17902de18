using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Jobs;

/// <summary>
/// Hangfire for every background job: durable storage on the platform's provider (PostgreSQL in production, a
/// SQLite file in the embedded default), a server in every instance, and the dashboard for admins at
/// <see cref="DashboardPath"/>. See <c>docs/decisions/0005-background-jobs-and-telemetry.md</c>.
/// </summary>
public static class BackgroundJobsExtensions
{
    /// <summary>Where admins find Hangfire's dashboard.</summary>
    public const string DashboardPath = "/admin/jobs";

    /// <summary>Hangfire's schema in the platform's PostgreSQL database.</summary>
    public const string PostgresSchema = "hangfire";

    /// <summary>Adds the storage, the client, a server and <see cref="JobStore"/>.</summary>
    public static IHostApplicationBuilder AddBackgroundJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackgroundJobOptions>().BindConfiguration(BackgroundJobOptions.Section);
        // Storage, activator and filters are this host's own services, not Hangfire's process-wide statics
        // (JobStorage.Current, JobActivator.Current): two hosts in one process (the tests) must not share them.
        builder.Services.AddSingleton(sp =>
        {
            // Hangfire's (process-wide) settings first: the storage logs as it opens.
            sp.GetRequiredService<IGlobalConfiguration>();
            return CreateStorage(sp.GetRequiredService<PlatformDatabase>(), sp.GetRequiredService<IOptions<BackgroundJobOptions>>().Value);
        });
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, c) => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        builder.Services.AddHangfireServer((sp, o) =>
        {
            var options = sp.GetRequiredService<IOptions<BackgroundJobOptions>>().Value;
            o.WorkerCount = Math.Max(1, options.WorkerCount);
        });
        builder.Services.AddSingleton<JobStore>();
        // Hangfire waits up to its own shutdown timeout for its workers; stopped one after another behind Kestrel's
        // drain, the two could together pass the host's shutdown timeout and end a graceful stop with an error.
        // Stopped side by side, a deploy takes as long as the slowest of them.
        builder.Services.Configure<HostOptions>(o => o.ServicesStopConcurrently = true);
        return builder;
    }

    /// <summary>Maps Hangfire's dashboard for admins (others are sent to sign in, or to the denied page).</summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboardWithAuthorizationPolicy(StaffPolicies.Admin, DashboardPath, new DashboardOptions
        {
            AppPath = "/admin",
            DashboardTitle = "Background jobs",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private static JobStorage CreateStorage(PlatformDatabase database, BackgroundJobOptions options)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var postgres = new PostgreSqlStorageOptions
            {
                SchemaName = PostgresSchema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = options.QueuePollInterval,
                InvisibilityTimeout = options.InvisibilityTimeout,
                // A job longer than the timeout keeps its claim while its server lives (simulations run for minutes).
                UseSlidingInvisibilityTimeout = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, postgres), postgres);
        }
        return new SQLiteStorage(SqliteFile(database, options), new SQLiteStorageOptions
        {
            QueuePollInterval = options.QueuePollInterval,
            InvisibilityTimeout = options.InvisibilityTimeout,
        });
    }

    // Beside the platform's file, so the embedded default keeps everything under data/ and a copy of that folder
    // is a whole backup.
    private static string SqliteFile(PlatformDatabase database, BackgroundJobOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SqliteFile)) return Path.GetFullPath(options.SqliteFile);
        var platform = Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        return Path.Combine(Path.GetDirectoryName(platform)!, Path.GetFileNameWithoutExtension(platform) + ".jobs.db");
    }
}
