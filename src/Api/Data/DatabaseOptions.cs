namespace InteractionLab.Api.Data;

/// <summary>Settings under <c>Database</c>; the connection string is <c>ConnectionStrings:Platform</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Database";
    /// <summary>Default SQLite connection string.</summary>
    public const string DefaultSqlite = "Data Source=data/interactionlab.db";

    /// <summary>Sqlite (default) or Postgres.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Whether to seed the demo study and admin account on first start.</summary>
    public bool SeedDemo { get; set; } = true;
}
