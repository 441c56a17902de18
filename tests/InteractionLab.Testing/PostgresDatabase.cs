using Npgsql;
using Xunit;

namespace InteractionLab.Testing;

/// <summary>
/// A throwaway PostgreSQL database on the server named by <c>INTERACTIONLAB_TEST_PG</c>: created with a unique
/// name when the fixture starts and dropped (forcibly) when it ends. Use one per test class
/// (<c>IClassFixture&lt;PostgresDatabase&gt;</c>) or create it yourself.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>A database created now, dropped when disposed (<c>await using</c>; declare it before its hosts).</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        return database;
    }

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
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", connection);
        await create.ExecuteNonQueryAsync();
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
