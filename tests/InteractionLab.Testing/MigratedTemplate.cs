using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Hangfire.PostgreSql;
using InteractionLab.Api.Data;
using InteractionLab.Api.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace InteractionLab.Testing;

/// <summary>
/// A PostgreSQL database with every migration of the platform (and Hangfire's schema) applied, built once per migration set and cloned
/// (<c>CREATE DATABASE … TEMPLATE</c>) for each test class instead of migrating every class's database anew.
/// <para>
/// Its name carries a hash of what the migrations do (the SQL script EF Core generates from every migration, which
/// names each migration id, and the Hangfire.PostgreSql version), so a changed migration set gets a fresh template while test processes of other branches
/// keep theirs, and a rebuild that changes no migration reuses it. The first process
/// to need a template builds it under a server-wide advisory lock and marks it <c>IS_TEMPLATE</c> only when every
/// migration is in; a half-built one (a killed build) is dropped and rebuilt. Templates are never dropped by the
/// tests, because another test process may be cloning one at that moment.
/// </para>
/// </summary>
public static class MigratedTemplate
{
    /// <summary>Advisory lock key under which templates are built (any constant shared by every test process).</summary>
    private const long BuildLock = 0x494C_5450_4C00; // "ILTPL"

    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    /// <summary>The ids of the PostgreSQL migrations, in order.</summary>
    public static IReadOnlyList<string> MigrationIds { get; } = MigrationsAssembly().GetTypes()
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id).OfType<string>().Order(StringComparer.Ordinal).ToList();

    private static readonly Lazy<string> TemplateName = new(() => "il_tpl_" + MigrationSetHash());

    /// <summary>The template's name: <c>il_tpl_</c> and 16 hex digits of the migration set's hash.</summary>
    public static string Name => TemplateName.Value;

    /// <summary>How long this process spent creating and migrating the template (zero when another process had built it).</summary>
    public static TimeSpan BuildTime { get; private set; }

    /// <summary>The template's name once it exists on the test server (built by this call if no process has yet).</summary>
    public static Task<string> EnsureAsync() => Built.Value;

    private static Assembly MigrationsAssembly() => Assembly.Load(PlatformDataExtensions.PostgresMigrations);

    private static PlatformDbContext Context(string connectionString) => new(new DbContextOptionsBuilder<PlatformDbContext>()
        .UseNpgsql(connectionString, x => x.MigrationsAssembly(PlatformDataExtensions.PostgresMigrations))
        .Options);

    private static string MigrationSetHash()
    {
        // Generating the script opens no connection.
        using var db = Context(PostgresDatabase.ServerConnectionString);
        var script = db.GetService<IMigrator>().GenerateScript() + "\n-- Hangfire.PostgreSql " + typeof(PostgreSqlObjectsInstaller).Assembly.GetName().Version;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)))[..16];
    }

    private static async Task<string> BuildAsync()
    {
        // No pooling: a pooled connection left open on the template would make every clone fail ("being accessed by other users").
        var server = new NpgsqlConnectionStringBuilder(PostgresDatabase.ServerConnectionString) { Pooling = false };
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"SELECT pg_advisory_lock({BuildLock})");
        try
        {
            await using (var state = new NpgsqlCommand("SELECT datistemplate FROM pg_database WHERE datname = @name", admin))
            {
                state.Parameters.AddWithValue("name", Name);
                switch (await state.ExecuteScalarAsync())
                {
                    case true: return Name;
                    case false: await ExecuteAsync(admin, $"DROP DATABASE \"{Name}\" WITH (FORCE)"); break;
                }
            }
            var clock = Stopwatch.StartNew();
            await ExecuteAsync(admin, $"CREATE DATABASE \"{Name}\"");
            var template = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = Name }.ConnectionString;
            await using (var db = Context(template))
                await db.Database.MigrateAsync();
            // Hangfire's tables too, which the platform would otherwise install at every start on a new database.
            await using (var jobs = new NpgsqlConnection(template))
            {
                await jobs.OpenAsync();
                PostgreSqlObjectsInstaller.Install(jobs, BackgroundJobsExtensions.PostgresSchema);
            }
            await ExecuteAsync(admin, $"ALTER DATABASE \"{Name}\" IS_TEMPLATE true");
            BuildTime = clock.Elapsed;
            return Name;
        }
        finally
        {
            await ExecuteAsync(admin, $"SELECT pg_advisory_unlock({BuildLock})");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
