using InteractionLab.Api.Data;

namespace InteractionLab.Api.Staff;

/// <summary>One page of audit entries, newest first.</summary>
/// <param name="Entries">The entries on this page.</param>
/// <param name="Page">Page number from 1.</param>
/// <param name="PageCount">How many pages the filter gives (at least 1).</param>
/// <param name="Total">How many entries match.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Page, int PageCount, int Total);
