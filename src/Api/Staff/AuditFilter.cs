namespace InteractionLab.Api.Staff;

/// <summary>What the audit page filters on; empty fields do not filter.</summary>
/// <param name="Actor">Exact user name of who acted.</param>
/// <param name="Action">Action or its start, e.g. <c>account.</c> for every account action.</param>
/// <param name="Study">Study slug.</param>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Study = null);
