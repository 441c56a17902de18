using System.Text.Json;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Exports;

/// <summary>
/// Every rating of a study in one record, one row per (session or item, rater, question and turn): first-party
/// ratings (the participants' own survey answers, turn marks and summary judgements), third-party ratings (annotators, flagged when
/// excluded) and LM judges' ratings, and the reviewers' adjudicated values, each with the session's condition and
/// config hash so the rows join to the sessions export. Participants are named by their pseudonymous participant id,
/// annotators and judges by their pseudonymous annotator id; simulated sessions are left out unless asked for.
/// </summary>
public static class JoinedRatings
{
    /// <summary>
    /// The rows: first-party (survey answers, then summary judgements), then third-party, then adjudications, each in
    /// storage order, then the per-item aggregates (<see cref="AggregateRatingRows"/>).
    /// </summary>
    public static async IAsyncEnumerable<JoinedRatingRow> RowsAsync(PlatformDbContext db, Guid studyId, bool includeSimulated, bool aggregates = true)
    {
        var firstParty = from r in db.SurveyResponses.AsNoTracking()
                         join s in db.Sessions on r.SessionId equals s.Id
                         where s.StudyId == studyId && (includeSimulated || !s.IsSimulated)
                         orderby r.Id
                         select new JoinedRatingRow("participant", s.Id.ToString(), s.ConditionKey, s.ConfigHash, r.StageKey, r.TurnIndex, null, null,
                             s.ParticipantId.ToString("N"), r.ItemKey, r.Value, false, r.SubmittedAt, null);
        await foreach (var row in firstParty.AsAsyncEnumerable()) yield return row;
        var studySessions = db.Sessions.AsNoTracking().Where(s => s.StudyId == studyId && (includeSimulated || !s.IsSimulated));
        foreach (var row in await SummaryRatingRows.ReadAsync(db, studySessions)) yield return row;

        var thirdParty = from r in db.AnnotationRatings.AsNoTracking()
                         join i in db.AnnotationItems on r.ItemId equals i.Id
                         join n in db.Annotators on r.AnnotatorId equals n.Id
                         join p in db.AnnotationProjects on r.ProjectId equals p.Id
                         join s in db.Sessions on i.SessionId equals (Domain.SessionId?)s.Id into sessions
                         from s in sessions.DefaultIfEmpty()
                         where p.StudyId == studyId && (s == null || includeSimulated || !s.IsSimulated)
                         orderby r.Id
                         select new JoinedRatingRow(n.Kind == AnnotatorKind.Model ? "model" : "annotator", s == null ? null : s.Id.ToString(),
                             s == null ? null : s.ConditionKey, s == null ? null : s.ConfigHash, i.StageKey, r.TurnIndex ?? i.TurnIndex, i.ArtifactKey,
                             i.PublicId.ToString(), n.Id.ToString("N"), r.QuestionKey, r.Value, n.Excluded, r.SubmittedAt, p.ConfigHash);
        await foreach (var row in thirdParty.AsAsyncEnumerable()) yield return row;

        var adjudicated = from d in db.AnnotationAdjudications.AsNoTracking()
                          join i in db.AnnotationItems on d.ItemId equals i.Id
                          join p in db.AnnotationProjects on d.ProjectId equals p.Id
                          join s in db.Sessions on i.SessionId equals (Domain.SessionId?)s.Id into sessions
                          from s in sessions.DefaultIfEmpty()
                          where p.StudyId == studyId && (s == null || includeSimulated || !s.IsSimulated)
                          orderby d.Id
                          select new JoinedRatingRow("adjudication", s == null ? null : s.Id.ToString(), s == null ? null : s.ConditionKey,
                              s == null ? null : s.ConfigHash, i.StageKey, d.TurnIndex ?? i.TurnIndex, i.ArtifactKey, i.PublicId.ToString(), null,
                              d.QuestionKey, d.Value, false, d.DecidedAt, p.ConfigHash);
        await foreach (var row in adjudicated.AsAsyncEnumerable()) yield return row;
        if (!aggregates) yield break;
        await foreach (var row in AggregateRatingRows.ReadAsync(db, studyId, includeSimulated)) yield return row;
    }

    /// <summary>Writes one row (every property, nulls included, so the CSV columns are the same on every line).</summary>
    public static void Write(Utf8JsonWriter w, JoinedRatingRow row) => JsonSerializer.SerializeToElement(row, Domain.Studies.ConfigHash.Json).WriteTo(w);
}

/// <summary>One rating in the joined record.</summary>
/// <param name="Source">participant (first-party), annotator, model (LM judge), adjudication, or aggregate (the human raters' per item).</param>
/// <param name="SessionId">The session rated (null for items added by hand).</param>
/// <param name="Condition">Its condition.</param>
/// <param name="ConfigHash">Its study config hash.</param>
/// <param name="StageKey">The stage the rating (first-party) or the rated artifact (third-party) belongs to.</param>
/// <param name="TurnIndex">The turn rated, for per-turn marks and single model turns.</param>
/// <param name="ArtifactKey">The rated artifact (e.g. "harbour-ferry:edited"), third-party only.</param>
/// <param name="ItemId">Pseudonymous annotation item id, third-party only.</param>
/// <param name="RaterId">Pseudonymous participant or annotator id (null for adjudications).</param>
/// <param name="Question">Question (dimension) key.</param>
/// <param name="Value">The answer (for an aggregate: the mode, median or mean; empty for a tie).</param>
/// <param name="Excluded">The annotator is excluded from every aggregate (kept here, flagged).</param>
/// <param name="At">When it was given.</param>
/// <param name="ProjectConfigHash">Hash of the annotation project's config, third-party only.</param>
/// <param name="Raters">Aggregate only: how many raters it counts (excluded annotators and LM judges left out).</param>
/// <param name="Statistic">Aggregate only: "mode", "mode (tie)", "median" or "mean", by the question's level of measurement.</param>
/// <param name="Adjudicated">Aggregate only: the value a reviewer settled on, if any.</param>
public sealed record JoinedRatingRow(string Source, string? SessionId, string? Condition, string? ConfigHash, string? StageKey, int? TurnIndex,
    string? ArtifactKey, string? ItemId, string? RaterId, string Question, string Value, bool Excluded, DateTimeOffset At, string? ProjectConfigHash,
    int? Raters = null, string? Statistic = null, string? Adjudicated = null);
