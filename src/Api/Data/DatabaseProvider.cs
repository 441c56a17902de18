namespace InteractionLab.Api.Data;

/// <summary>Which database the platform runs on (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: a file next to the app, nothing to install.</summary>
    Sqlite,
    /// <summary>Production and integration tests.</summary>
    Postgres,
}
