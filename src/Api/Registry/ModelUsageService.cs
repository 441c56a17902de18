using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Dialogue;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Registry;

/// <summary>
/// Token usage per study and condition, summed in the database from the model turns. Simulated sessions count
/// too: they cost tokens like any other.
/// </summary>
public sealed class ModelUsageService(IDbContextFactory<PlatformDbContext> dbFactory, IStudyAccess access)
{
    /// <summary>Usage of the studies <paramref name="user"/> may see, or of one of them (404 problem otherwise).</summary>
    public async Task<IReadOnlyList<ModelUsage>> GetAsync(ClaimsPrincipal user, Guid? studyId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var studies = access.Visible(db, user);
        if (studyId is { } id)
        {
            await access.GetManagedAsync(db, user, id, ct);
            studies = studies.Where(s => s.Id == id);
        }
        var rows = await (
                from t in db.Turns
                join s in db.Sessions on t.SessionId equals s.Id
                where t.Role == TurnRole.Model && studies.Any(v => v.Id == s.StudyId)
                group t by new { s.StudyId, s.ConditionKey } into g
                select new
                {
                    g.Key.StudyId, g.Key.ConditionKey, Requests = g.Count(),
                    Input = g.Sum(t => t.InputTokens ?? 0), Output = g.Sum(t => t.OutputTokens ?? 0), Latency = g.Average(t => t.TotalMs),
                })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.StudyId).Distinct().ToList();
        var slugs = await db.Studies.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Slug, ct);
        return rows.Select(r => new ModelUsage(r.StudyId, slugs[r.StudyId], r.ConditionKey, r.Requests, r.Input, r.Output, r.Latency))
            .OrderBy(r => r.Study, StringComparer.Ordinal).ThenBy(r => r.Condition, StringComparer.Ordinal).ToList();
    }
}
