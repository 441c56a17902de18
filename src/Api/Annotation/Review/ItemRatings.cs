using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Review;

/// <summary>One rater's submission of an item, labelled A1…Ak by submission order (excluded annotators and LM judges left out).</summary>
/// <param name="Label">A1, A2…</param>
/// <param name="Answers">The answers.</param>
/// <param name="Flagged">Flagged for review.</param>
/// <param name="FlagNote">Why.</param>
/// <param name="Seconds">Time taken.</param>
public sealed record RaterAnswers(string Label, IReadOnlyList<SurveyAnswer> Answers, bool Flagged, string? FlagNote, double? Seconds);

/// <summary>The ratings of items, grouped per rater, and what they add up to per question (consensus and disagreement).</summary>
public static class ItemRatings
{
    /// <summary>The raters of one item.</summary>
    public static async Task<IReadOnlyList<RaterAnswers>> LoadAsync(PlatformDbContext db, long itemId, CancellationToken ct) =>
        (await LoadManyAsync(db, [itemId], ct)).GetValueOrDefault(itemId) ?? [];

    /// <summary>The raters of many items, by item id.</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<RaterAnswers>>> LoadManyAsync(PlatformDbContext db, IReadOnlyCollection<long> itemIds, CancellationToken ct)
    {
        var assignments = await db.AnnotationAssignments.AsNoTracking()
            .Where(a => itemIds.Contains(a.ItemId) && a.Status == AssignmentStatus.Submitted && !db.Annotators.Any(n => n.Id == a.AnnotatorId && (n.Excluded || n.Kind == AnnotatorKind.Model)))
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.ItemId, a.Flagged, a.FlagNote, a.Seconds }).ToListAsync(ct);
        var ids = assignments.Select(a => a.Id).ToList();
        var ratings = (await db.AnnotationRatings.AsNoTracking().Where(r => ids.Contains(r.AssignmentId)).ToListAsync(ct))
            .ToLookup(r => r.AssignmentId);
        return assignments.GroupBy(a => a.ItemId).ToDictionary(g => g.Key, g => (IReadOnlyList<RaterAnswers>)g.Select((a, n) =>
            new RaterAnswers($"A{n + 1}", ratings[a.Id].Select(r => new SurveyAnswer(r.QuestionKey, r.Value, r.TurnIndex)).ToList(),
                a.Flagged, a.FlagNote, a.Seconds)).ToList());
    }

    /// <summary>Per question (and turn) of the form: each rater's value, the consensus and the disagreement.</summary>
    public static IReadOnlyList<Review.ReviewDecision> Decisions(AnnotationProjectConfig config, IReadOnlyList<RaterAnswers> raters)
    {
        var decisions = new List<Review.ReviewDecision>();
        foreach (var question in config.Form.Items)
        {
            var turns = raters.SelectMany(r => r.Answers).Where(a => a.ItemKey == question.Key).Select(a => a.TurnIndex).Distinct().OrderBy(t => t);
            foreach (var turn in turns)
            {
                var values = raters.Select(r => (r.Label, Answer: r.Answers.FirstOrDefault(a => a.ItemKey == question.Key && a.TurnIndex == turn)))
                    .Where(x => x.Answer is not null).ToDictionary(x => x.Label, x => x.Answer!.Value);
                var consensus = RatingConsensus.Of(question, values.Values.ToList());
                var disputed = question.Kind != SurveyItemKind.FreeText && consensus.Disagreement > config.ReviewThreshold;
                decisions.Add(new Review.ReviewDecision(question.Key, turn, values, consensus.Value, consensus.Disagreement, disputed, null, null));
            }
        }
        return decisions;
    }
}
