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
/// What an annotator does with the item they hold: submit the form (validated like a survey, scored when gold),
/// skip it with a reason (it goes to someone else), or save the half-filled form. Each call uses its own context;
/// the state changes are conditional updates, so a double click or a racing expiry cannot count a rating twice.
/// </summary>
public sealed class AnnotationSubmissions(IDbContextFactory<PlatformDbContext> contexts, TimeProvider time)
{
    /// <summary>Longest skip reason.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Largest draft kept, in characters of JSON.</summary>
    public const int MaxDraftLength = 64 * 1024;

    /// <summary>Saves the ratings of an assignment; a repeat of a saved submission is a no-op.</summary>
    public async Task SubmitAsync(Guid annotatorId, long assignmentId, AnnotationSubmission submission, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var assignment = await FindAsync(db, annotatorId, assignmentId, ct);
        if (assignment.Status == AssignmentStatus.Submitted) return;
        if (assignment.Status == AssignmentStatus.Skipped) throw PlatformProblemException.Conflict("You skipped this item; it cannot be rated now.");
        var (config, item) = await ContextOfAsync(db, assignment, annotatorId, ct);
        var content = ItemFactory.ContentOf(item);
        var answers = submission.Answers ?? [];
        var errors = SurveyAnswerValidator.Validate(config.Form, answers, content.AiTurnIndexes());
        if (errors.Count > 0)
            throw new PlatformProblemException(400, "Some answers need attention", $"{errors.Count} question(s) need attention; nothing was saved.",
                errors.ToDictionary(e => $"answers.{e.Key}", e => e.Value));
        if (submission.FlagNote is { Length: > 2000 }) throw PlatformProblemException.BadInput("A flag note is limited to 2000 characters.",
            new Dictionary<string, string[]> { ["flagNote"] = ["At most 2000 characters."] });
        var stored = assignment.SidesSwapped ? answers.Select(a => Unswap(config.Form, a)).ToList() : answers.ToList();
        var now = time.GetUtcNow();
        var score = Qualification.Score(item.ExpectedJson, config.Form, stored);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fromExpired = assignment.Status == AssignmentStatus.Expired;
        // A lease that ran out may still be honoured if its slot is free: the rater did the work.
        if (fromExpired && await Slots.RetakeAsync(db, item.Id, config.RatersPerItem, ct) == 0)
            throw PlatformProblemException.Conflict("Your time for this item ran out and it went to someone else; your answers were not saved. Take the next item.");
        var changed = await db.AnnotationAssignments
            .Where(a => a.Id == assignmentId && a.Status == (fromExpired ? AssignmentStatus.Expired : AssignmentStatus.Leased))
            .ExecuteUpdateAsync(u => u
                .SetProperty(a => a.Status, AssignmentStatus.Submitted)
                .SetProperty(a => a.SubmittedAt, now)
                .SetProperty(a => a.Seconds, (now - assignment.LeasedAt).TotalSeconds)
                .SetProperty(a => a.DraftJson, (string?)null)
                .SetProperty(a => a.Flagged, submission.Flag)
                .SetProperty(a => a.FlagNote, submission.Flag ? submission.FlagNote : null)
                .SetProperty(a => a.GoldScore, score), ct);
        if (changed == 0)
        {
            await tx.RollbackAsync(ct);
            return; // a double submit won the race; its ratings stand
        }
        await Slots.SubmitAsync(db, item.Id, config.RatersPerItem, ct);
        db.AnnotationRatings.AddRange(stored.Where(a => a.Value.Length > 0 || a.TurnIndex is not null).Select(a => new AnnotationRating
        {
            ProjectId = assignment.ProjectId, AssignmentId = assignmentId, ItemId = item.Id, AnnotatorId = annotatorId,
            QuestionKey = a.ItemKey, TurnIndex = a.TurnIndex, Value = a.Value, SubmittedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Gives an item back with a reason; it goes to another annotator, never to this one again.</summary>
    public async Task SkipAsync(Guid annotatorId, long assignmentId, string? reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
            throw PlatformProblemException.BadInput("Say why you skip this item (up to 500 characters).",
                new Dictionary<string, string[]> { ["reason"] = ["A reason of 1 to 500 characters is needed."] });
        await using var db = await contexts.CreateDbContextAsync(ct);
        var assignment = await FindAsync(db, annotatorId, assignmentId, ct);
        if (assignment.Status == AssignmentStatus.Skipped) return;
        if (assignment.Status == AssignmentStatus.Submitted) throw PlatformProblemException.Conflict("This item is already rated; it cannot be skipped.");
        var (config, _) = await ContextOfAsync(db, assignment, annotatorId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var wasLeased = assignment.Status == AssignmentStatus.Leased;
        var changed = await db.AnnotationAssignments.Where(a => a.Id == assignmentId && a.Status == assignment.Status)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AssignmentStatus.Skipped).SetProperty(a => a.SkipReason, reason.Trim())
                .SetProperty(a => a.DraftJson, (string?)null), ct);
        // An expired lease has already given its slot back.
        if (changed == 1 && wasLeased) await Slots.ReleaseAsync(db, assignment.ItemId, config.RatersPerItem, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Keeps the half-filled form of an item the annotator holds.</summary>
    public async Task SaveDraftAsync(Guid annotatorId, long assignmentId, IReadOnlyList<SurveyAnswer> answers, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(answers ?? [], ConfigHash.Json);
        if (json.Length > MaxDraftLength) throw PlatformProblemException.BadInput("The draft is too large to keep.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var changed = await db.AnnotationAssignments
            .Where(a => a.Id == assignmentId && a.AnnotatorId == annotatorId && a.Status == AssignmentStatus.Leased)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.DraftJson, json), ct);
        if (changed == 0) throw PlatformProblemException.Conflict("You no longer hold this item, so its draft was not kept.");
    }

    // For a pair shown swapped, "A" (the side shown first) is the item's second side: store what the answer means.
    private static SurveyAnswer Unswap(SurveyConfig form, SurveyAnswer answer) =>
        form.Items.FirstOrDefault(q => q.Key == answer.ItemKey) is { Kind: SurveyItemKind.MultipleChoice, Options: { } options }
            && options.Contains(PairSides.First) && options.Contains(PairSides.Second)
            ? answer with { Value = answer.Value == PairSides.First ? PairSides.Second : answer.Value == PairSides.Second ? PairSides.First : answer.Value }
            : answer;

    private static async Task<AnnotationAssignment> FindAsync(PlatformDbContext db, Guid annotatorId, long assignmentId, CancellationToken ct) =>
        await db.AnnotationAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assignmentId && a.AnnotatorId == annotatorId, ct)
        ?? throw new PlatformProblemException(404, "Item not found", "You hold no such item. Take the next one.");

    private static async Task<(AnnotationProjectConfig, AnnotationItem)> ContextOfAsync(PlatformDbContext db, AnnotationAssignment assignment, Guid annotatorId, CancellationToken ct)
    {
        if (await db.Annotators.AnyAsync(a => a.Id == annotatorId && a.Excluded, ct))
            throw new PlatformProblemException(403, "Not allowed", "You can no longer rate items in this project.");
        var project = await db.AnnotationProjects.AsNoTracking().SingleAsync(p => p.Id == assignment.ProjectId, ct);
        if (project.Status == AnnotationProjectStatus.Closed) throw PlatformProblemException.Conflict("This project is closed.");
        var item = await db.AnnotationItems.AsNoTracking().SingleAsync(i => i.Id == assignment.ItemId, ct);
        return (ProjectConfigJson.Parse(project.ConfigJson), item);
    }
}

/// <summary>A submitted rating form.</summary>
/// <param name="Answers">One answer per question (per-turn marks: one per turn).</param>
/// <param name="Flag">Ask a reviewer to look at this item.</param>
/// <param name="FlagNote">Why.</param>
public sealed record AnnotationSubmission(IReadOnlyList<SurveyAnswer> Answers, bool Flag = false, string? FlagNote = null);
