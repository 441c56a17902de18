using System.Text.Json;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Intake;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>
/// Decides on the server which item an annotator rates next. Qualification items come first (all of them, then a
/// pass mark); every n-th item is a gold item; otherwise the open regular item closest to completion (fewest ratings
/// still needed) is taken, walking the item ring from the annotator's own offset, so each annotator meets items in
/// their own order. A claimed item's slot is leased until the lease runs out; at most k distinct annotators ever
/// hold or finish an item, however many ask at once (<see cref="IItemPicker"/>). Each call uses its own context.
/// </summary>
public sealed class AnnotationQueue(IDbContextFactory<PlatformDbContext> contexts, IItemPicker picker, CrowdCompletion crowd, TimeProvider time)
{
    /// <summary>The annotator's current item (the one they hold, resumed after a reload) or a new one.</summary>
    public async Task<AnnotationNext> NextAsync(Guid annotatorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (annotator, project, config) = await LoadAsync(db, annotatorId, ct);
        if (annotator.Excluded) return new AnnotationNext(null, FinishedReason.Excluded);
        if (project.Status != AnnotationProjectStatus.Open)
            return new AnnotationNext(null, project.Status == AnnotationProjectStatus.Paused ? FinishedReason.Paused : FinishedReason.Closed);

        var now = time.GetUtcNow();
        await LeaseExpiry.ExpireAsync(db, project.Id, config.RatersPerItem, now, ct);
        AnnotationNext next;
        await using (var tx = await picker.BeginAsync(db, annotatorId, ct))
        {
            next = await ChooseAsync(db, project, config, annotatorId, now, ct);
            await tx.CommitAsync(ct);
        }
        if (next.Work is null && next.Finished is FinishedReason.NoItems or FinishedReason.CapReached or FinishedReason.NotQualified)
            return next with { Completion = await crowd.FinishAsync(db, annotatorId, config, ct) };
        return next;
    }

    /// <summary>How many items the annotator submitted and how many they could still rate.</summary>
    public async Task<AnnotatorProgress> ProgressAsync(Guid annotatorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (annotator, project, config) = await LoadAsync(db, annotatorId, ct);
        var done = await db.AnnotationAssignments.CountAsync(a => a.AnnotatorId == annotatorId && a.Status == AssignmentStatus.Submitted, ct);
        var open = await db.AnnotationItems.CountAsync(i => i.ProjectId == project.Id && i.Role == AnnotationItemRole.Regular
            && i.Submitted < config.RatersPerItem
            && !db.AnnotationAssignments.Any(a => a.ItemId == i.Id && a.AnnotatorId == annotatorId && a.Status != AssignmentStatus.Expired), ct);
        var left = config.CapPerAnnotator is { } cap ? Math.Min(open, Math.Max(0, cap - done)) : open;
        return new AnnotatorProgress(done, annotator.Excluded ? 0 : left);
    }

    private async Task<AnnotationNext> ChooseAsync(PlatformDbContext db, AnnotationProject project, AnnotationProjectConfig config,
        Guid annotatorId, DateTimeOffset now, CancellationToken ct)
    {
        var annotator = await db.Annotators.SingleAsync(a => a.Id == annotatorId, ct);
        var held = await db.AnnotationAssignments.Where(a => a.AnnotatorId == annotatorId && a.Status == AssignmentStatus.Leased)
            .OrderBy(a => a.LeasedAt).FirstOrDefaultAsync(ct);
        if (held is not null) return new AnnotationNext(await WorkAsync(db, config, held, ct));

        if (annotator.Qualified is null && await db.AnnotationItems.AnyAsync(i => i.ProjectId == project.Id && i.Role == AnnotationItemRole.Qualification, ct))
        {
            if (await PickOwnAsync(db, project.Id, annotator, AnnotationItemRole.Qualification, ct) is { } q)
                return new AnnotationNext(await LeaseAsync(db, project, config, annotator, q, now, ct));
            annotator.Qualified = await Qualification.PassedAsync(db, annotatorId, config, ct);
            await db.SaveChangesAsync(ct);
        }
        if (annotator.Qualified == false) return new AnnotationNext(null, FinishedReason.NotQualified);
        var done = await db.AnnotationAssignments.CountAsync(a => a.AnnotatorId == annotatorId && a.Status == AssignmentStatus.Submitted, ct);
        if (config.CapPerAnnotator is { } cap && done >= cap) return new AnnotationNext(null, FinishedReason.CapReached);

        if (config.GoldEvery > 0 && (annotator.Served + 1) % config.GoldEvery == 0
            && await PickOwnAsync(db, project.Id, annotator, AnnotationItemRole.Gold, ct) is { } gold)
            return new AnnotationNext(await LeaseAsync(db, project, config, annotator, gold, now, ct));

        var offset = AnnotatorShuffle.Offset(annotatorId);
        for (var rank = 1; rank <= config.RatersPerItem; rank++)
        {
            var id = await picker.ClaimAsync(db, project.Id, annotatorId, rank, offset, AnnotatorShuffle.Ring, ct)
                ?? await picker.ClaimAsync(db, project.Id, annotatorId, rank, 0, offset, ct);
            if (id is not { } itemId) continue;
            var item = await db.AnnotationItems.SingleAsync(i => i.Id == itemId, ct);
            item.Taken++;
            item.QueueRank = item.Taken < config.RatersPerItem ? config.RatersPerItem - item.Submitted : null;
            return new AnnotationNext(await LeaseAsync(db, project, config, annotator, item, now, ct));
        }
        return new AnnotationNext(null, FinishedReason.NoItems);
    }

    // Gold and qualification items are rated by everyone, so no slot is claimed: only "not done by me yet".
    private static Task<AnnotationItem?> PickOwnAsync(PlatformDbContext db, Guid projectId, Annotator annotator, AnnotationItemRole role, CancellationToken ct)
    {
        var offset = AnnotatorShuffle.Offset(annotator.Id);
        return db.AnnotationItems
            .Where(i => i.ProjectId == projectId && i.Role == role
                && !db.AnnotationAssignments.Any(a => a.ItemId == i.Id && a.AnnotatorId == annotator.Id && a.Status != AssignmentStatus.Expired))
            .OrderBy(i => i.Shuffle < offset).ThenBy(i => i.Shuffle).FirstOrDefaultAsync(ct);
    }

    private async Task<AnnotationWork> LeaseAsync(PlatformDbContext db, AnnotationProject project, AnnotationProjectConfig config,
        Annotator annotator, AnnotationItem item, DateTimeOffset now, CancellationToken ct)
    {
        annotator.Served++;
        // A lease of their own that ran out is taken up again (the unique index allows one row per item and annotator).
        var assignment = await db.AnnotationAssignments.SingleOrDefaultAsync(a => a.ItemId == item.Id && a.AnnotatorId == annotator.Id, ct);
        if (assignment is null)
        {
            assignment = new AnnotationAssignment { ProjectId = project.Id, ItemId = item.Id, AnnotatorId = annotator.Id, ProjectConfigHash = project.ConfigHash };
            db.AnnotationAssignments.Add(assignment);
        }
        assignment.Status = AssignmentStatus.Leased;
        assignment.Position = annotator.Served;
        assignment.ProjectConfigHash = project.ConfigHash;
        assignment.SidesSwapped = ItemFactory.ContentOf(item).IsPair && AnnotatorShuffle.SwapSides(annotator.Id, item.PublicId);
        assignment.LeasedAt = now;
        assignment.LeaseExpiresAt = now + TimeSpan.FromMinutes(config.LeaseMinutes);
        await db.SaveChangesAsync(ct);
        return await WorkAsync(db, config, assignment, ct);
    }

    /// <summary>The annotator's view of an assignment.</summary>
    internal static async Task<AnnotationWork> WorkAsync(PlatformDbContext db, AnnotationProjectConfig config, AnnotationAssignment assignment, CancellationToken ct)
    {
        var item = await db.AnnotationItems.AsNoTracking().Where(i => i.Id == assignment.ItemId)
            .Select(i => new { i.PublicId, i.ContentJson }).SingleAsync(ct);
        var content = JsonSerializer.Deserialize<ItemContent>(item.ContentJson, ConfigHash.Json)!;
        var draft = assignment.DraftJson is null ? [] : JsonSerializer.Deserialize<List<SurveyAnswer>>(assignment.DraftJson, ConfigHash.Json) ?? [];
        return new AnnotationWork(assignment.Id, item.PublicId, config.Name, assignment.Position, content.Shown(assignment.SidesSwapped),
            config.Form.Items, config.Guidelines, assignment.LeaseExpiresAt, draft);
    }

    private static async Task<(Annotator, AnnotationProject, AnnotationProjectConfig)> LoadAsync(PlatformDbContext db, Guid annotatorId, CancellationToken ct)
    {
        var annotator = await db.Annotators.AsNoTracking().SingleOrDefaultAsync(a => a.Id == annotatorId, ct)
            ?? throw new PlatformProblemException(404, "Annotator not found", "There is no such annotator; open the project again.");
        var project = await db.AnnotationProjects.AsNoTracking().SingleAsync(p => p.Id == annotator.ProjectId, ct);
        return (annotator, project, ProjectConfigJson.Parse(project.ConfigJson));
    }
}
