namespace InteractionLab.Api.ApiKeys;

/// <summary>Scopes an API key can carry, and the policy names that require them.</summary>
public static class ApiKeyScopes
{
    /// <summary>Read dataset exports (sessions, turns, events, surveys).</summary>
    public const string Export = "export";
    /// <summary>Import data sets into a study (CoAuthor traces, moral graph cards and votes).</summary>
    public const string Import = "import";
    /// <summary>Claim type carrying a scope.</summary>
    public const string ScopeClaim = "scope";
    /// <summary>Claim type carrying the one study a key is limited to.</summary>
    public const string StudyClaim = "study";
    /// <summary>Authorization policy for import endpoints: a key with the import scope, or the staff cookie of a researcher or admin.</summary>
    public const string ImportPolicy = "ApiKey-or-staff:import";
}
