using System.Globalization;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Quality;

/// <summary>One stored rating with what agreement and quality need to know about it.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Role">Regular, gold or qualification.</param>
/// <param name="AnnotatorId">The rater.</param>
/// <param name="Excluded">Whether the rater is excluded.</param>
/// <param name="QuestionKey">The question.</param>
/// <param name="TurnIndex">The turn, for per-turn marks.</param>
/// <param name="Value">The answer.</param>
/// <param name="SubmittedAt">When.</param>
public sealed record RatingRow(long ItemId, AnnotationItemRole Role, Guid AnnotatorId, bool Excluded, string QuestionKey, int? TurnIndex, string Value, DateTimeOffset SubmittedAt);

/// <summary>Reads a project's ratings in one query and codes answers as numbers for alpha.</summary>
public static class ProjectRatings
{
    /// <summary>All human ratings of the project, oldest first (LM judges' are not human ratings).</summary>
    public static Task<IReadOnlyList<RatingRow>> LoadAsync(PlatformDbContext db, Guid projectId, CancellationToken ct) => LoadAsync(db, projectId, false, ct);

    /// <summary>All LM judges' ratings of the project, oldest first.</summary>
    public static Task<IReadOnlyList<RatingRow>> LoadJudgesAsync(PlatformDbContext db, Guid projectId, CancellationToken ct) => LoadAsync(db, projectId, true, ct);

    private static async Task<IReadOnlyList<RatingRow>> LoadAsync(PlatformDbContext db, Guid projectId, bool judges, CancellationToken ct) =>
        await (from r in db.AnnotationRatings.AsNoTracking()
               join i in db.AnnotationItems on r.ItemId equals i.Id
               join a in db.Annotators on r.AnnotatorId equals a.Id
               where r.ProjectId == projectId && (a.Kind == AnnotatorKind.Model) == judges
               orderby r.Id
               select new RatingRow(r.ItemId, i.Role, r.AnnotatorId, a.Excluded, r.QuestionKey, r.TurnIndex, r.Value, r.SubmittedAt))
            .ToListAsync(ct);

    /// <summary>
    /// The number alpha uses for an answer: categories by their position among the question's options (yes = 0,
    /// no = 1; false = 0, true = 1 for turn marks), scales by their value; null when the answer cannot be coded.
    /// </summary>
    public static double? Code(SurveyItem question, string value) => question.Kind switch
    {
        SurveyItemKind.YesNo => value switch { "yes" => 0, "no" => 1, _ => null },
        SurveyItemKind.TurnMark => value switch { "false" => 0, "true" => 1, _ => null },
        SurveyItemKind.MultipleChoice => question.Options?.ToList().IndexOf(value) is var i and >= 0 ? i : null,
        SurveyItemKind.Likert or SurveyItemKind.Slider =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        _ => null,
    };
}
