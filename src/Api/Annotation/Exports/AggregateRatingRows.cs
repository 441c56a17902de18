using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Exports;

/// <summary>
/// The joined record's per-item aggregate rows: for each regular item, question and turn, the human raters' aggregate
/// (<see cref="RatingAggregate"/>: mode, median or mean by the question's level), how many raters it counts (excluded
/// annotators and LM judges left out) and the adjudicated value, if a reviewer recorded one. The ratings are read in
/// (item, question, turn) order and summed up one group at a time, so the record still streams.
/// </summary>
public static class AggregateRatingRows
{
    /// <summary>The aggregate rows of <paramref name="studyId"/>, by item, question and turn.</summary>
    public static async IAsyncEnumerable<JoinedRatingRow> ReadAsync(PlatformDbContext db, Guid studyId, bool includeSimulated)
    {
        var projects = await db.AnnotationProjects.AsNoTracking().Where(p => p.StudyId == studyId)
            .Select(p => new { p.Id, p.ConfigJson }).ToListAsync();
        if (projects.Count == 0) yield break;
        var configs = projects.ToDictionary(p => p.Id, p => ProjectConfigJson.Parse(p.ConfigJson));
        // Adjudications are one per reviewed (item, question, turn): few beside the ratings. The latest decision counts.
        var adjudicated = (await (from d in db.AnnotationAdjudications.AsNoTracking()
                                  join p in db.AnnotationProjects on d.ProjectId equals p.Id
                                  where p.StudyId == studyId
                                  orderby d.Id
                                  select new { d.ItemId, d.QuestionKey, d.TurnIndex, d.Value }).ToListAsync())
            .GroupBy(d => (d.ItemId, d.QuestionKey, d.TurnIndex)).ToDictionary(g => g.Key, g => g.Last().Value);

        var ratings = from r in db.AnnotationRatings.AsNoTracking()
                      join i in db.AnnotationItems on r.ItemId equals i.Id
                      join n in db.Annotators on r.AnnotatorId equals n.Id
                      join p in db.AnnotationProjects on r.ProjectId equals p.Id
                      join s in db.Sessions on i.SessionId equals (Domain.SessionId?)s.Id into sessions
                      from s in sessions.DefaultIfEmpty()
                      where p.StudyId == studyId && i.Role == AnnotationItemRole.Regular && n.Kind != AnnotatorKind.Model && !n.Excluded
                            && (s == null || includeSimulated || !s.IsSimulated)
                      orderby r.ItemId, r.QuestionKey, r.TurnIndex
                      select new Rating(r.ProjectId, r.ItemId, i.PublicId, s == null ? null : s.Id.ToString(), s == null ? null : s.ConditionKey,
                          s == null ? null : s.ConfigHash, i.StageKey, r.TurnIndex, i.TurnIndex, i.ArtifactKey, r.QuestionKey, r.Value, r.SubmittedAt, p.ConfigHash);

        var group = new List<Rating>();
        await foreach (var rating in ratings.AsAsyncEnumerable())
        {
            if (group.Count > 0 && (group[0].ItemId, group[0].QuestionKey, group[0].TurnIndex) != (rating.ItemId, rating.QuestionKey, rating.TurnIndex))
            {
                if (Row(group, configs, adjudicated) is { } row) yield return row;
                group.Clear();
            }
            group.Add(rating);
        }
        if (group.Count > 0 && Row(group, configs, adjudicated) is { } last) yield return last;
    }

    private static JoinedRatingRow? Row(List<Rating> group, Dictionary<Guid, AnnotationProjectConfig> configs,
        Dictionary<(long, string, int?), string> adjudicated)
    {
        var first = group[0];
        var config = configs[first.ProjectId];
        if (config.Form.Items.FirstOrDefault(q => q.Key == first.QuestionKey) is not { } question) return null;
        if (RatingAggregate.Of(question, config.LevelOf(question), group.Select(r => r.Value).ToList()) is not { } aggregate) return null;
        return new JoinedRatingRow("aggregate", first.SessionId, first.Condition, first.ConfigHash, first.StageKey, first.TurnIndex ?? first.ItemTurn,
            first.ArtifactKey, first.PublicId.ToString(), null, first.QuestionKey, aggregate.Value ?? "", false, group.Max(r => r.At), first.ProjectConfigHash,
            aggregate.Raters, aggregate.Statistic, adjudicated.GetValueOrDefault((first.ItemId, first.QuestionKey, first.TurnIndex)));
    }

    private sealed record Rating(Guid ProjectId, long ItemId, Guid PublicId, string? SessionId, string? Condition, string? ConfigHash, string? StageKey,
        int? TurnIndex, int? ItemTurn, string? ArtifactKey, string QuestionKey, string Value, DateTimeOffset At, string ProjectConfigHash);
}
