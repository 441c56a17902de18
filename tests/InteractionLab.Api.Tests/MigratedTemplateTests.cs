using System.Diagnostics;
using InteractionLab.Api.Data;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace InteractionLab.Api.Tests;

/// <summary>
/// Each test class's PostgreSQL database is a clone of one migrated template, so the platform's startup has nothing
/// to migrate; an empty database is still migrated for real, to the same migrations. The times are written to the
/// test output (the suite's report quotes them).
/// </summary>
public sealed class MigratedTemplateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AClassDatabaseIsAMigratedCloneSoThePlatformsStartupAppliesNoMigration()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var logs = new CapturedLogs(LogLevel.Information);
        await using var platform = new PlatformFactory(database.ConnectionString) { Logs = logs };
        var clock = Stopwatch.StartNew();
        _ = platform.Server;
        var started = clock.Elapsed;

        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(MigratedTemplate.MigrationIds, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var migrations = logs.Entries.Where(e => e.Category == DbLoggerCategory.Migrations.Name).Select(e => e.EventId.Id).ToList();
        Assert.Contains(RelationalEventId.MigrationsNotApplied.Id, migrations);
        Assert.DoesNotContain(RelationalEventId.MigrationApplying.Id, migrations);
        output.WriteLine($"template {MigratedTemplate.Name}: built by this process in {MigratedTemplate.BuildTime.TotalMilliseconds:F0} ms; " +
            $"clone in {database.CreateTime.TotalMilliseconds:F0} ms; the platform started on it in {started.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task AnEmptyDatabaseIsMigratedForRealToExactlyTheTemplatesMigrations()
    {
        await using var database = PostgresDatabase.Empty();
        var clock = Stopwatch.StartNew();
        await database.InitializeAsync();
        var options = new DbContextOptionsBuilder<PlatformDbContext>()
            .UseNpgsql(database.ConnectionString, x => x.MigrationsAssembly(PlatformDataExtensions.PostgresMigrations)).Options;
        await using var db = new PlatformDbContext(options);
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());

        await db.Database.MigrateAsync();

        output.WriteLine($"create + migrate in {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(MigratedTemplate.MigrationIds, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
