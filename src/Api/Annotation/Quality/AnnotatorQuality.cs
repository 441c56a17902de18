using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Quality;

/// <summary>
/// Per-annotator quality of a project: items rated and skipped, median seconds per item, gold accuracy (mean share
/// of expected answers matched on gold items), attention checks failed (form questions with an expected answer),
/// and agreement with the others: the share of comparisons with another (not excluded) rater of the same question
/// on the same item and turn in which both gave the same answer.
/// </summary>
public sealed class AnnotatorQuality(IDbContextFactory<PlatformDbContext> contexts)
{
    /// <summary>One row per annotator, in order of arrival.</summary>
    public async Task<IReadOnlyList<AnnotatorQualityRow>> ComputeAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var project = await db.AnnotationProjects.AsNoTracking().SingleAsync(p => p.Id == projectId, ct);
        var form = ProjectConfigJson.Parse(project.ConfigJson).Form;
        var annotators = await (from a in db.Annotators.AsNoTracking()
                                where a.ProjectId == projectId && a.Kind != AnnotatorKind.Model
                                join u in db.Users on a.StaffUserId equals u.Id into users
                                from u in users.DefaultIfEmpty()
                                orderby a.CreatedAt
                                select new { a, UserName = u == null ? null : u.UserName }).ToListAsync(ct);
        var assignments = await db.AnnotationAssignments.AsNoTracking().Where(a => a.ProjectId == projectId)
            .Join(db.AnnotationItems, a => a.ItemId, i => i.Id, (a, i) => new { a.AnnotatorId, a.Status, a.Seconds, a.GoldScore, i.Role })
            .ToListAsync(ct);
        var ratings = await ProjectRatings.LoadAsync(db, projectId, ct);
        var checks = form.Items.Where(q => q.AttentionCheck is not null).ToDictionary(q => q.Key);
        var units = ratings.Where(r => r.Role == AnnotationItemRole.Regular && form.Items.Any(q => q.Key == r.QuestionKey && q.Kind != Domain.Studies.SurveyItemKind.FreeText))
            .GroupBy(r => (r.ItemId, r.QuestionKey, r.TurnIndex)).Where(g => g.Count() >= 2).ToList();

        return annotators.Select((x, n) =>
        {
            var own = assignments.Where(a => a.AnnotatorId == x.a.Id).ToList();
            var seconds = own.Where(a => a.Status == AssignmentStatus.Submitted && a.Seconds is not null).Select(a => a.Seconds!.Value).Order().ToList();
            var gold = own.Where(a => a.Role == AnnotationItemRole.Gold && a.GoldScore is not null).Select(a => a.GoldScore!.Value).ToList();
            var failed = ratings.Count(r => r.AnnotatorId == x.a.Id && checks.TryGetValue(r.QuestionKey, out var q) && SurveyScoring.PassesAttentionCheck(q, r.Value) == false);
            int agree = 0, compared = 0;
            foreach (var unit in units)
            {
                if (unit.FirstOrDefault(r => r.AnnotatorId == x.a.Id) is not { } mine) continue;
                foreach (var other in unit.Where(r => r.AnnotatorId != x.a.Id && !r.Excluded))
                {
                    compared++;
                    if (other.Value == mine.Value) agree++;
                }
            }
            return new AnnotatorQualityRow(x.a.Id, $"A{n + 1}", x.a.Kind, x.UserName ?? (x.a.Source is { } s ? $"{s} worker" : "open link"),
                own.Count(a => a.Status == AssignmentStatus.Submitted), own.Count(a => a.Status == AssignmentStatus.Skipped),
                seconds.Count == 0 ? null : seconds[seconds.Count / 2], gold.Count == 0 ? null : gold.Average(), gold.Count, failed,
                compared == 0 ? null : (double)agree / compared, compared, x.a.Qualified, x.a.Excluded, x.a.ExclusionNote);
        }).ToList();
    }
}

/// <summary>Quality of one annotator.</summary>
/// <param name="AnnotatorId">Pseudonymous id (as in exports).</param>
/// <param name="Label">A1, A2… in order of arrival.</param>
/// <param name="Kind">Staff or crowd.</param>
/// <param name="Who">Staff account name, or where a crowd worker came from.</param>
/// <param name="Rated">Items submitted.</param>
/// <param name="Skipped">Items skipped.</param>
/// <param name="MedianSeconds">Median seconds per item.</param>
/// <param name="GoldAccuracy">Mean share of expected answers matched on gold items.</param>
/// <param name="GoldItems">Gold items rated.</param>
/// <param name="AttentionChecksFailed">Answers that failed a form question's attention check.</param>
/// <param name="AgreementWithOthers">Share of comparisons with other raters that agree exactly.</param>
/// <param name="Comparisons">How many comparisons that share is made of.</param>
/// <param name="Qualified">Passed the qualification items (null: none, or not finished).</param>
/// <param name="Excluded">Excluded by a researcher.</param>
/// <param name="ExclusionNote">Why.</param>
public sealed record AnnotatorQualityRow(
    Guid AnnotatorId, string Label, AnnotatorKind Kind, string Who, int Rated, int Skipped, double? MedianSeconds,
    double? GoldAccuracy, int GoldItems, int AttentionChecksFailed, double? AgreementWithOthers, int Comparisons,
    bool? Qualified, bool Excluded, string? ExclusionNote);
