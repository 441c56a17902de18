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
    /// <summary>How often one instance looks for a project's expired leases (leases last minutes; many annotators ask each second).</summary>
    public static readonly TimeSpan ExpiryInterval = TimeSpan.FromSeconds(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTimeOffset> _expiryChecked = new();

    /// <summary>
    /// The annotator's current item (the one they hold, resumed after a reload) or a new one. The common path is five
    /// round trips: the annotator with the project, the annotator's lock, their state (held lease, qualification items,
    /// ratings done), the claim-and-lease of a regular item (one statement on PostgreSQL), and the commit; plus the
    /// expired-lease check, once per <see cref="ExpiryInterval"/> per project on each instance.
    /// </summary>
    public async Task<AnnotationNext> NextAsync(Guid annotatorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (annotator, project, config) = await LoadAsync(db, annotatorId, ct);
        if (annotator.Excluded) return new AnnotationNext(null, FinishedReason.Excluded);
        if (project.Status != AnnotationProjectStatus.Open)
            return new AnnotationNext(null, project.Status == AnnotationProjectStatus.Paused ? FinishedReason.Paused : FinishedReason.Closed);

        var now = time.GetUtcNow();
        // At most once per interval per project on this instance: a lease that ran out a moment ago waits that long more.
        if (_expiryChecked.TryGetValue(project.Id, out var last) is false || now - last >= ExpiryInterval || now < last)
        {
            _expiryChecked[project.Id] = now;
            await LeaseExpiry.ExpireAsync(db, project.Id, config.RatersPerItem, now, ct);
        }
        AnnotationNext next;
        await using (var tx = await picker.BeginAsync(db, annotatorId, ct))
        {
            next = await ChooseAsync(db, project, config, annotator, now, ct);
            await tx.CommitAsync(ct);
        }
        if (next.Work is null && next.Finished is FinishedReason.NoItems or FinishedReason.CapReached or FinishedReason.NotQualified)
            return next with { Completion = await crowd.FinishAsync(db, annotatorId, config, ct) };
        return next;
    }

    /// <summary>How many items the annotator submitted and how many they could still rate, the one they hold now included.</summary>
    public async Task<AnnotatorProgress> ProgressAsync(Guid annotatorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (annotator, project, config) = await LoadAsync(db, annotatorId, ct);
        var done = await db.AnnotationAssignments.CountAsync(a => a.AnnotatorId == annotatorId && a.Status == AssignmentStatus.Submitted, ct);
        var open = await db.AnnotationItems.CountAsync(i => i.ProjectId == project.Id && i.Role == AnnotationItemRole.Regular
            && i.Submitted < config.RatersPerItem
            && !db.AnnotationAssignments.Any(a => a.ItemId == i.Id && a.AnnotatorId == annotatorId && (a.Status == AssignmentStatus.Submitted || a.Status == AssignmentStatus.Skipped)), ct);
        var left = config.CapPerAnnotator is { } cap ? Math.Min(open, Math.Max(0, cap - done)) : open;
        return new AnnotatorProgress(done, annotator.Excluded ? 0 : left);
    }

    // Under the annotator's lock: the row read before it may be stale only in Served and Qualified, read again here.
    private async Task<AnnotationNext> ChooseAsync(PlatformDbContext db, AnnotationProject project, AnnotationProjectConfig config,
        Annotator read, DateTimeOffset now, CancellationToken ct)
    {
        var annotatorId = read.Id;
        var state = await db.Annotators.AsNoTracking().Where(a => a.Id == annotatorId).Select(a => new
        {
            a.Served, a.Qualified,
            Held = db.AnnotationAssignments.Where(x => x.AnnotatorId == annotatorId && x.Status == AssignmentStatus.Leased)
                .OrderBy(x => x.LeasedAt).Select(x => (long?)x.Id).FirstOrDefault(),
            Qualification = a.Qualified == null && db.AnnotationItems.Any(i => i.ProjectId == project.Id && i.Role == AnnotationItemRole.Qualification),
            Done = db.AnnotationAssignments.Count(x => x.AnnotatorId == annotatorId && x.Status == AssignmentStatus.Submitted),
        }).SingleAsync(ct);
        if (state.Held is { } heldId)
            return new AnnotationNext(await WorkAsync(db, config, await db.AnnotationAssignments.SingleAsync(x => x.Id == heldId, ct), ct));

        var qualified = state.Qualified;
        if (state.Qualification)
        {
            var annotator = await db.Annotators.SingleAsync(a => a.Id == annotatorId, ct);
            if (await PickOwnAsync(db, project.Id, annotator, AnnotationItemRole.Qualification, ct) is { } q)
                return new AnnotationNext(Work(config, await LeaseOwnAsync(db, project, config, annotator, q, now, ct)));
            qualified = annotator.Qualified = await Qualification.PassedAsync(db, annotatorId, config, ct);
            await db.SaveChangesAsync(ct);
        }
        if (qualified == false) return new AnnotationNext(null, FinishedReason.NotQualified);
        if (config.CapPerAnnotator is { } cap && state.Done >= cap) return new AnnotationNext(null, FinishedReason.CapReached);

        if (config.GoldEvery > 0 && (state.Served + 1) % config.GoldEvery == 0)
        {
            var annotator = await db.Annotators.SingleAsync(a => a.Id == annotatorId, ct);
            if (await PickOwnAsync(db, project.Id, annotator, AnnotationItemRole.Gold, ct) is { } gold)
                return new AnnotationNext(Work(config, await LeaseOwnAsync(db, project, config, annotator, gold, now, ct)));
        }

        var leased = await picker.LeaseRegularAsync(db, new RegularLease(project.Id, annotatorId, config.RatersPerItem, AnnotatorShuffle.Offset(annotatorId),
            AnnotatorShuffle.Ring, now, now + TimeSpan.FromMinutes(config.LeaseMinutes), project.ConfigHash), ct);
        if (leased is null) return new AnnotationNext(null, FinishedReason.NoItems);
        // Only pairs have sides; the one-statement lease leaves them unswapped, so a pair this annotator sees swapped is marked here.
        if (!leased.SidesSwapped && Content(leased.ContentJson).IsPair && AnnotatorShuffle.SwapSides(annotatorId, leased.PublicId))
        {
            await db.AnnotationAssignments.Where(x => x.Id == leased.AssignmentId).ExecuteUpdateAsync(u => u.SetProperty(x => x.SidesSwapped, true), ct);
            leased = new LeasedItem
            {
                AssignmentId = leased.AssignmentId, ItemId = leased.ItemId, PublicId = leased.PublicId, ContentJson = leased.ContentJson,
                Position = leased.Position, LeaseExpiresAt = leased.LeaseExpiresAt, SidesSwapped = true, DraftJson = leased.DraftJson,
            };
        }
        return new AnnotationNext(Work(config, leased));
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

    private static Task<LeasedItem> LeaseOwnAsync(PlatformDbContext db, AnnotationProject project, AnnotationProjectConfig config,
        Annotator annotator, AnnotationItem item, DateTimeOffset now, CancellationToken ct) =>
        ItemLease.LeaseAsync(db, project.Id, project.ConfigHash, annotator, item, now, now + TimeSpan.FromMinutes(config.LeaseMinutes), ct);

    /// <summary>The annotator's view of an assignment they hold.</summary>
    internal static async Task<AnnotationWork> WorkAsync(PlatformDbContext db, AnnotationProjectConfig config, AnnotationAssignment assignment, CancellationToken ct)
    {
        var item = await db.AnnotationItems.AsNoTracking().Where(i => i.Id == assignment.ItemId)
            .Select(i => new { i.PublicId, i.ContentJson }).SingleAsync(ct);
        return Work(config, new LeasedItem
        {
            AssignmentId = assignment.Id, ItemId = assignment.ItemId, PublicId = item.PublicId, ContentJson = item.ContentJson, Position = assignment.Position,
            LeaseExpiresAt = assignment.LeaseExpiresAt, SidesSwapped = assignment.SidesSwapped, DraftJson = assignment.DraftJson,
        });
    }

    private static AnnotationWork Work(AnnotationProjectConfig config, LeasedItem leased)
    {
        var draft = leased.DraftJson is null ? [] : JsonSerializer.Deserialize<List<SurveyAnswer>>(leased.DraftJson, ConfigHash.Json) ?? [];
        return new AnnotationWork(leased.AssignmentId, leased.PublicId, config.Name, leased.Position, Content(leased.ContentJson).Shown(leased.SidesSwapped),
            config.Form.Items, config.Guidelines, leased.LeaseExpiresAt, draft);
    }

    private static ItemContent Content(string json) => JsonSerializer.Deserialize<ItemContent>(json, ConfigHash.Json) ?? new ItemContent("text");

    private static async Task<(Annotator, AnnotationProject, AnnotationProjectConfig)> LoadAsync(PlatformDbContext db, Guid annotatorId, CancellationToken ct)
    {
        var annotator = await db.Annotators.AsNoTracking().SingleOrDefaultAsync(a => a.Id == annotatorId, ct)
            ?? throw new PlatformProblemException(404, "Annotator not found", "There is no such annotator; open the project again.");
        var project = await db.AnnotationProjects.AsNoTracking().SingleAsync(p => p.Id == annotator.ProjectId, ct);
        return (annotator, project, ProjectConfigJson.Parse(project.ConfigJson));
    }
}
