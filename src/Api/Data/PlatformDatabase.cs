using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace InteractionLab.Api.Data;

/// <summary>
/// The configured database: provider, connection string and (for PostgreSQL) the shared data source that both
/// EF Core and the raw ingest path use. Read from configuration when first needed, so hosts and test factories
/// can set <c>Database:Provider</c> and <c>ConnectionStrings:Platform</c> any way they like.
/// </summary>
public sealed class PlatformDatabase : IAsyncDisposable
{
    private PlatformDatabase(DatabaseProvider provider, string connectionString, NpgsqlDataSource? dataSource)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataSource = dataSource;
    }

    /// <summary>The provider.</summary>
    public DatabaseProvider Provider { get; }
    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }
    /// <summary>PostgreSQL data source (pooled connections); null on SQLite.</summary>
    public NpgsqlDataSource? DataSource { get; }

    /// <summary>Reads the settings and prepares the connection.</summary>
    public static PlatformDatabase FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Platform");
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Platform is not set.");
            return new PlatformDatabase(DatabaseProvider.Postgres, connectionString, new NpgsqlDataSourceBuilder(connectionString).Build());
        }
        connectionString = string.IsNullOrWhiteSpace(connectionString) ? DatabaseOptions.DefaultSqlite : connectionString;
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (file != ":memory:" && !string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return new PlatformDatabase(DatabaseProvider.Sqlite, connectionString, null);
    }

    /// <summary>Points EF Core at this database and its provider's migrations assembly.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        if (DataSource is not null)
            options.UseNpgsql(DataSource, x => x.MigrationsAssembly(PlatformDataExtensions.PostgresMigrations));
        else
            options.UseSqlite(ConnectionString, x => x.MigrationsAssembly(PlatformDataExtensions.SqliteMigrations));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null) await DataSource.DisposeAsync();
    }
}
