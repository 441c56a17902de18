using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Staff;

/// <summary>Reads the audit log for the admin's audit page: filtered, newest first, a page at a time.</summary>
public sealed class AuditSearch(PlatformDbContext db)
{
    /// <summary>Entries per page.</summary>
    public const int PageSize = 50;

    /// <summary>Page <paramref name="page"/> (from 1; clamped to the last) of the entries matching <paramref name="filter"/>.</summary>
    public async Task<AuditPage> FindAsync(AuditFilter filter, int page, CancellationToken ct = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor)) query = query.Where(e => e.Actor == filter.Actor.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(e => e.Action.StartsWith(filter.Action.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.Study))
        {
            var slug = filter.Study.Trim();
            var studyId = await db.Studies.Where(s => s.Slug == slug).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
            query = query.Where(e => e.StudyId == studyId && studyId != null);
        }
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        // Ids increase with time, so ordering by id is newest first without comparing timestamps (SQLite cannot).
        var entries = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AuditPage(entries, page, pageCount, total);
    }
}
