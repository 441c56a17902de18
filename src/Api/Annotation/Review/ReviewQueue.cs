using System.Security.Claims;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Intake;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Review;

/// <summary>
/// The reviewer's queue: items whose ratings disagree beyond the project's threshold once all k are in, or that an
/// annotator flagged; the item with every rating (annotators shown only as A1…Ak); and the adjudication, recorded
/// with a note and audited. Reviewers and admins review every project; researchers review their studies' projects.
/// </summary>
public sealed class ReviewQueue(IDbContextFactory<PlatformDbContext> contexts, IStudyAccess access, AuditLog audit, TimeProvider time)
{
    /// <summary>Audit action.</summary>
    public const string Action = "annotation.adjudicated";

    /// <summary>Open projects the caller may review, with how many items wait.</summary>
    public async Task<IReadOnlyList<ReviewProject>> ProjectsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var projects = await db.AnnotationProjects.AsNoTracking().Where(p => p.Status != AnnotationProjectStatus.Closed).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        if (!ReviewsAll(user))
        {
            var visible = await access.Visible(db, user).Select(s => s.Id).ToListAsync(ct);
            projects = projects.Where(p => visible.Contains(p.StudyId)).ToList();
        }
        var result = new List<ReviewProject>();
        foreach (var p in projects)
            result.Add(new ReviewProject(p.Id, ProjectConfigJson.Parse(p.ConfigJson).Name, (await PendingAsync(db, p, ct)).Count));
        return result;
    }

    /// <summary>The project's items waiting for review: flagged first, then by disagreement.</summary>
    public async Task<IReadOnlyList<ReviewQueueEntry>> QueueAsync(ClaimsPrincipal user, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await PendingAsync(db, await ProjectAsync(db, user, projectId, ct), ct);
    }

    /// <summary>One item with all its ratings.</summary>
    public async Task<ReviewItem> ItemAsync(ClaimsPrincipal user, Guid itemId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var item = await db.AnnotationItems.AsNoTracking().SingleOrDefaultAsync(i => i.PublicId == itemId, ct) ?? throw ItemNotFound();
        var project = await ProjectAsync(db, user, item.ProjectId, ct);
        var config = ProjectConfigJson.Parse(project.ConfigJson);
        var raters = await ItemRatings.LoadAsync(db, item.Id, ct);
        var adjudications = await db.AnnotationAdjudications.AsNoTracking().Where(a => a.ItemId == item.Id).ToListAsync(ct);
        var decisions = ItemRatings.Decisions(config, raters)
            .Select(d => adjudications.FirstOrDefault(a => a.QuestionKey == d.QuestionKey && a.TurnIndex == d.TurnIndex) is { } a
                ? d with { Adjudicated = a.Value, Note = a.Note } : d).ToList();
        return new ReviewItem(item.PublicId, project.Id, config.Name, ItemFactory.ContentOf(item), config.Form.Items,
            raters.Select(r => new ReviewRater(r.Label, r.Answers, r.Flagged, r.FlagNote, r.Seconds)).ToList(), decisions, item.ReviewedBy);
    }

    /// <summary>Records the adjudicated values of an item (replacing earlier ones of the same questions) and its note.</summary>
    public async Task<ReviewItem> AdjudicateAsync(ClaimsPrincipal user, Guid itemId, AdjudicationRequest request, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var item = await db.AnnotationItems.SingleOrDefaultAsync(i => i.PublicId == itemId, ct) ?? throw ItemNotFound();
        var project = await ProjectAsync(db, user, item.ProjectId, ct);
        var config = ProjectConfigJson.Parse(project.ConfigJson);
        var values = request.Values ?? [];
        var errors = Check(config.Form, values, ItemFactory.ContentOf(item).AiTurnIndexes());
        if (request.Note is { Length: > 5000 }) errors["note"] = ["At most 5000 characters."];
        if (values.Count == 0) errors["values"] = ["Give the final value of at least one question."];
        if (errors.Count > 0) throw new PlatformProblemException(400, "The adjudication needs changes", "Some values are not answers the form allows; nothing was saved.", errors);

        var reviewer = user.Identity?.Name ?? "unknown";
        var now = time.GetUtcNow();
        var existing = await db.AnnotationAdjudications.Where(a => a.ItemId == item.Id).ToListAsync(ct);
        foreach (var v in values)
        {
            var row = existing.FirstOrDefault(a => a.QuestionKey == v.ItemKey && a.TurnIndex == v.TurnIndex);
            if (row is null)
                db.AnnotationAdjudications.Add(row = new AnnotationAdjudication { ProjectId = project.Id, ItemId = item.Id, QuestionKey = v.ItemKey, TurnIndex = v.TurnIndex, Value = v.Value, Reviewer = reviewer });
            row.Value = v.Value;
            row.Note = request.Note;
            row.Reviewer = reviewer;
            row.DecidedAt = now;
        }
        item.ReviewedAt = now;
        item.ReviewedBy = reviewer;
        audit.Record(db, user, Action, project.Slug, project.StudyId,
            $"item {item.PublicId}: " + string.Join(", ", values.Select(v => v.TurnIndex is { } t ? $"{v.ItemKey}@{t}={v.Value}" : $"{v.ItemKey}={v.Value}"))
            + (request.Note is { Length: > 0 } note ? $" — {note}" : ""));
        await db.SaveChangesAsync(ct);
        return await ItemAsync(user, itemId, ct);
    }

    private static Dictionary<string, string[]> Check(SurveyConfig form, IReadOnlyList<SurveyAnswer> values, IReadOnlySet<int> aiTurns)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var question = form.Items.FirstOrDefault(q => q.Key == v.ItemKey);
            var ok = question switch
            {
                null => false,
                { Kind: SurveyItemKind.TurnMark } => v.TurnIndex is { } t && aiTurns.Contains(t) && v.Value is "true" or "false",
                _ => v.TurnIndex is null && SurveyScoring.IsValidAnswer(question, v.Value),
            };
            if (!ok) errors[$"values[{i}]"] = [question is null ? $"The form has no question '{v.ItemKey}'." : $"'{v.Value}' is not an answer '{v.ItemKey}' allows."];
        }
        return errors;
    }

    private static async Task<IReadOnlyList<ReviewQueueEntry>> PendingAsync(PlatformDbContext db, AnnotationProject project, CancellationToken ct)
    {
        var config = ProjectConfigJson.Parse(project.ConfigJson);
        var candidates = await db.AnnotationItems.AsNoTracking()
            .Where(i => i.ProjectId == project.Id && i.ReviewedAt == null && (i.Submitted >= config.RatersPerItem
                || db.AnnotationAssignments.Any(a => a.ItemId == i.Id && a.Flagged)))
            .Select(i => new { i.Id, i.PublicId }).ToListAsync(ct);
        var ids = candidates.Select(c => c.Id).ToList();
        var raters = await ItemRatings.LoadManyAsync(db, ids, ct);
        var queue = new List<ReviewQueueEntry>();
        foreach (var c in candidates)
        {
            var own = raters.GetValueOrDefault(c.Id) ?? [];
            var decisions = ItemRatings.Decisions(config, own);
            var disputed = decisions.Where(d => d.Disputed).Select(d => d.TurnIndex is { } t ? $"{d.QuestionKey}@{t}" : d.QuestionKey).ToList();
            var flagged = own.Any(r => r.Flagged);
            if (flagged || disputed.Count > 0)
                queue.Add(new ReviewQueueEntry(c.PublicId, own.Count, decisions.Count == 0 ? 0 : decisions.Max(d => d.Disagreement), disputed, flagged));
        }
        return queue.OrderByDescending(e => e.Flagged).ThenByDescending(e => e.Disagreement).ToList();
    }

    private async Task<AnnotationProject> ProjectAsync(PlatformDbContext db, ClaimsPrincipal user, Guid projectId, CancellationToken ct)
    {
        var project = await db.AnnotationProjects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct)
            ?? throw new PlatformProblemException(404, "Project not found", "There is no such annotation project.");
        if (!ReviewsAll(user)) await access.GetManagedAsync(db, user, project.StudyId, ct);
        return project;
    }

    private static bool ReviewsAll(ClaimsPrincipal user) => user.IsInRole(StaffRoles.Admin) || user.IsInRole(StaffRoles.Reviewer);

    private static PlatformProblemException ItemNotFound() => new(404, "Item not found", "There is no such item.");
}
