using InteractionLab.Api.Monitoring;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tracing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Data;

/// <summary>Registers the database: provider, context, migrations assembly and the fast trace writer.</summary>
public static class PlatformDataExtensions
{
    /// <summary>Name of the PostgreSQL migrations assembly.</summary>
    public const string PostgresMigrations = "InteractionLab.Migrations.Postgres";
    /// <summary>Name of the SQLite migrations assembly.</summary>
    public const string SqliteMigrations = "InteractionLab.Migrations.Sqlite";

    /// <summary>Adds <see cref="PlatformDbContext"/> on the provider chosen by <c>Database:Provider</c>.</summary>
    public static IHostApplicationBuilder AddPlatformData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        builder.Services.AddSingleton(sp => PlatformDatabase.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<StudyActivity>().AddSingleton<StudyActivityInterceptor>();
        builder.Services.AddPlatformContexts();
        builder.Services.AddSingleton<ITraceEventWriter>(sp => new NotifyingTraceEventWriter(sp.GetRequiredService<PlatformDatabase>() switch
        {
            { DataSource: { } pg } => new PostgresTraceEventWriter(pg),
            var db => new SqliteTraceEventWriter(db.ConnectionString),
        }, sp.GetRequiredService<StudyActivity>()));
        builder.Services.AddSingleton<IStudyLock>(sp => sp.GetRequiredService<PlatformDatabase>().Provider == DatabaseProvider.Postgres
            ? new PostgresStudyLock()
            : new ProcessStudyLock());
        builder.Services.AddHealthChecks().AddDbContextCheck<PlatformDbContext>("database");
        return builder;
    }
}
