using System.Security.Claims;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.MoralGraph.Hypotheses;

/// <summary>
/// Review of a study's wiser-than hypotheses: list with filters, edit a story, approve or reject one or many. Every
/// change is audited in the same save. Reading needs a study the user may see; changing one they may manage (404 otherwise).
/// </summary>
public sealed class HypothesisService(PlatformDbContext db, IStudyAccess access, AuditLog audit, TimeProvider time)
{
    /// <summary>Audit action of an edit.</summary>
    public const string EditAction = "hypotheses.edit";
    /// <summary>Audit action of approving.</summary>
    public const string ApproveAction = "hypotheses.approve";
    /// <summary>Audit action of rejecting.</summary>
    public const string RejectAction = "hypotheses.reject";
    /// <summary>Longest story accepted.</summary>
    public const int MaxStoryLength = 5000;

    /// <summary>The study's hypotheses that pass <paramref name="filter"/>, by question, context and id.</summary>
    public async Task<IReadOnlyList<HypothesisView>> ListAsync(ClaimsPrincipal user, Guid studyId, HypothesisFilter? filter = null, CancellationToken ct = default)
    {
        var study = await access.GetVisibleAsync(db, user, studyId, ct);
        filter ??= new HypothesisFilter();
        var query = db.WiserHypotheses.AsNoTracking().Where(h => h.StudyId == study.Id);
        if (filter.Status is { } status) query = query.Where(h => h.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Context)) query = query.Where(h => h.Context == filter.Context);
        if (!string.IsNullOrWhiteSpace(filter.QuestionId)) query = query.Where(h => h.QuestionId == filter.QuestionId);
        var rows = await query.OrderBy(h => h.QuestionId).ThenBy(h => h.Context).ThenBy(h => h.Id).ToListAsync(ct);
        var titles = await db.ValuesCards.AsNoTracking().Where(c => c.StudyId == study.Id).OrderBy(c => c.Id)
            .Select(c => new { c.ValueId, c.Title }).ToListAsync(ct);
        var titleOf = titles.DistinctBy(t => t.ValueId).ToDictionary(t => t.ValueId, t => t.Title, StringComparer.Ordinal);
        var ids = rows.Select(r => (long?)r.Id).ToList();
        var votes = await db.WiserVotes.AsNoTracking().Where(v => v.StudyId == study.Id && ids.Contains(v.HypothesisId))
            .GroupBy(v => v.HypothesisId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var voteCount = votes.ToDictionary(v => v.Key!.Value, v => v.Count);
        return rows.Select(h => new HypothesisView(h.Id, h.QuestionId, h.FromValueId, titleOf.GetValueOrDefault(h.FromValueId), h.ToValueId,
            titleOf.GetValueOrDefault(h.ToValueId), h.Context, h.Story, h.Status, h.Model, h.PromptHash, h.CreatedAt, h.ReviewedBy, h.ReviewedAt,
            h.Edited, h.Impressions, voteCount.GetValueOrDefault(h.Id))).ToList();
    }

    /// <summary>The study's distinct contexts, for the filter.</summary>
    public async Task<IReadOnlyList<string>> ContextsAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetVisibleAsync(db, user, studyId, ct);
        return await db.WiserHypotheses.Where(h => h.StudyId == study.Id).Select(h => h.Context).Distinct().OrderBy(c => c).ToListAsync(ct);
    }

    /// <summary>
    /// Replaces a story. An edited story goes back to draft (unless it was rejected, which it stays), so participants
    /// only ever read text a researcher approved. 400 for an empty or overlong story, 404 for another study's hypothesis.
    /// </summary>
    public async Task<HypothesisView> EditAsync(ClaimsPrincipal user, Guid studyId, long id, string story, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var text = story?.Trim() ?? "";
        if (text.Length == 0) throw PlatformProblemException.BadInput("The story is empty; write the story participants will read.");
        if (text.Length > MaxStoryLength) throw PlatformProblemException.BadInput($"The story has {text.Length} characters; keep it under {MaxStoryLength}.");
        var h = await db.WiserHypotheses.SingleOrDefaultAsync(h => h.StudyId == study.Id && h.Id == id, ct) ?? throw NotFound(id);
        if (h.Story != text)
        {
            h.Story = text;
            h.Edited = true;
            if (h.Status == HypothesisStatus.Approved) h.Status = HypothesisStatus.Draft;
            audit.Record(db, user, EditAction, study.Slug, study.Id, $"hypothesis {h.Id} ({h.FromValueId} → {h.ToValueId}, \"{h.Context}\")");
            await db.SaveChangesAsync(ct);
        }
        return (await ListAsync(user, studyId, null, ct)).Single(v => v.Id == id);
    }

    /// <summary>Approves or rejects the given hypotheses of the study (one audit entry); returns how many changed. 404 when an id is not the study's.</summary>
    public async Task<int> DecideAsync(ClaimsPrincipal user, Guid studyId, IReadOnlyCollection<long> ids, bool approve, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        if (ids.Count == 0) throw PlatformProblemException.BadInput("Choose at least one hypothesis.");
        var wanted = ids.Distinct().ToList();
        var rows = await db.WiserHypotheses.Where(h => h.StudyId == study.Id && wanted.Contains(h.Id)).ToListAsync(ct);
        if (rows.Count != wanted.Count) throw NotFound(wanted.Except(rows.Select(r => r.Id)).First());
        var status = approve ? HypothesisStatus.Approved : HypothesisStatus.Rejected;
        var now = time.GetUtcNow();
        var changed = rows.Where(h => h.Status != status).ToList();
        foreach (var h in changed)
        {
            h.Status = status;
            h.ReviewedBy = user.Identity?.Name ?? "anonymous";
            h.ReviewedAt = now;
        }
        if (changed.Count == 0) return 0;
        audit.Record(db, user, approve ? ApproveAction : RejectAction, study.Slug, study.Id,
            $"{changed.Count} hypothesis(es): {string.Join(", ", changed.Select(h => h.Id).Order().Take(50))}");
        await db.SaveChangesAsync(ct);
        return changed.Count;
    }

    /// <summary>The model of the study's first condition (latest version), proposed as the story writer; null without a version.</summary>
    public async Task<ModelRef?> DefaultModelAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetVisibleAsync(db, user, studyId, ct);
        var json = await db.StudyVersions.Where(v => v.StudyId == study.Id).OrderByDescending(v => v.Number).Select(v => v.ConfigJson).FirstOrDefaultAsync(ct);
        return json is null ? null : ConfigHash.Parse(json).Conditions.FirstOrDefault()?.Model;
    }

    private static PlatformProblemException NotFound(long id) =>
        new(404, "Not found", $"This study has no hypothesis {id}.");
}
