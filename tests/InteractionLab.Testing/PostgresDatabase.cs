using System.Diagnostics;
using Npgsql;
using Xunit;

namespace InteractionLab.Testing;

/// <summary>
/// A throwaway PostgreSQL database on the server named by <c>INTERACTIONLAB_TEST_PG</c>: created with a unique
/// name when the fixture starts and dropped (forcibly) when it ends. Use one per test class
/// (<c>IClassFixture&lt;PostgresDatabase&gt;</c>) or create it yourself. It starts as a clone of the
/// <see cref="MigratedTemplate"/> (every migration applied, nothing else), so the platform's own startup finds no
/// migration pending; <see cref="Empty"/> gives a database without any table, for tests of migrating itself.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime, IAsyncDisposable
{
    private readonly bool _migrated;

    /// <summary>A migrated database (a clone of the template), created when initialized.</summary>
    public PostgresDatabase() : this(migrated: true) { }

    private PostgresDatabase(bool migrated) => _migrated = migrated;

    /// <summary>A database without tables (created when initialized), for a test that migrates it for real.</summary>
    public static PostgresDatabase Empty() => new(migrated: false);

    /// <summary>A migrated database created now, dropped when disposed (<c>await using</c>; declare it before its hosts).</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        return database;
    }

    /// <summary>How long creating this database took (the clone alone; not the template's one-off build).</summary>
    public TimeSpan CreateTime { get; private set; }

    /// <summary>Environment variable holding the server's connection string (no database), e.g.
    /// <c>Host=127.0.0.1;Port=55433;Username=postgres</c>.</summary>
    public const string EnvironmentVariable = "INTERACTIONLAB_TEST_PG";

    /// <summary>The database's name (unique per fixture).</summary>
    public string Name { get; } = "il_test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Connection string of this database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name }.ConnectionString;

    /// <summary>The server connection string; throws with instructions when the variable is not set.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"Integration tests need a real PostgreSQL server: set {EnvironmentVariable} to its connection string, " +
                "e.g. 'Host=127.0.0.1;Port=55433;Username=postgres' (the CI script starts one).");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var template = _migrated ? $" TEMPLATE \"{await MigratedTemplate.EnsureAsync()}\"" : "";
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"{template}", connection);
        await create.ExecuteNonQueryAsync();
        CreateTime = clock.Elapsed;
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
