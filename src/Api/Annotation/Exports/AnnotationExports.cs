using System.Globalization;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Api.Exports;
using InteractionLab.Domain.Studies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Exports;

/// <summary>
/// Third-party ratings and adjudications of a study, streamed from the database as JSON Lines or CSV (the platform's
/// CSV writer), joined to the session, stage and artifact they rate. Ids of items and annotators are pseudonymous;
/// excluded annotators' ratings are kept and flagged.
/// </summary>
public static class AnnotationExports
{
    /// <summary>Column order of the ratings CSV.</summary>
    public static readonly IReadOnlyList<string> RatingColumns =
    [
        "id", "projectId", "itemId", "annotatorId", "annotatorKind", "excluded", "role", "question", "turnIndex", "value", "submittedAt",
        "position", "sidesSwapped", "seconds", "flagged", "goldScore", "projectConfigHash", "sessionId", "condition", "stageKey",
        "itemTurnIndex", "artifactKey", "configHash",
    ];

    /// <summary>Column order of the adjudications CSV.</summary>
    public static readonly IReadOnlyList<string> AdjudicationColumns =
        ["id", "projectId", "itemId", "question", "turnIndex", "value", "note", "reviewer", "decidedAt", "sessionId", "condition", "stageKey", "artifactKey"];

    /// <summary>The study's ratings with id > <paramref name="after"/>.</summary>
    public static IQueryable<RatingExportRow> Ratings(PlatformDbContext db, Guid studyId, long? after) =>
        from r in db.AnnotationRatings.AsNoTracking()
        join a in db.AnnotationAssignments on r.AssignmentId equals a.Id
        join i in db.AnnotationItems on r.ItemId equals i.Id
        join n in db.Annotators on r.AnnotatorId equals n.Id
        join p in db.AnnotationProjects on r.ProjectId equals p.Id
        join s in db.Sessions on i.SessionId equals (Domain.SessionId?)s.Id into sessions
        from s in sessions.DefaultIfEmpty()
        where p.StudyId == studyId && (after == null || r.Id > after)
        orderby r.Id
        select new RatingExportRow(r.Id, r.ProjectId, i.PublicId, n.Id, n.Kind, n.Excluded, i.Role, r.QuestionKey, r.TurnIndex, r.Value,
            r.SubmittedAt, a.Position, a.SidesSwapped, a.Seconds, a.Flagged, a.GoldScore, a.ProjectConfigHash,
            s == null ? null : s.Id.ToString(), s == null ? null : s.ConditionKey, i.StageKey, i.TurnIndex, i.ArtifactKey, i.ConfigHash);

    /// <summary>The study's adjudications with id > <paramref name="after"/>.</summary>
    public static IQueryable<AdjudicationExportRow> Adjudications(PlatformDbContext db, Guid studyId, long? after) =>
        from d in db.AnnotationAdjudications.AsNoTracking()
        join i in db.AnnotationItems on d.ItemId equals i.Id
        join p in db.AnnotationProjects on d.ProjectId equals p.Id
        join s in db.Sessions on i.SessionId equals (Domain.SessionId?)s.Id into sessions
        from s in sessions.DefaultIfEmpty()
        where p.StudyId == studyId && (after == null || d.Id > after)
        orderby d.Id
        select new AdjudicationExportRow(d.Id, d.ProjectId, i.PublicId, d.QuestionKey, d.TurnIndex, d.Value, d.Note, d.Reviewer, d.DecidedAt,
            s == null ? null : s.Id.ToString(), s == null ? null : s.ConditionKey, i.StageKey, i.ArtifactKey);

    /// <summary>Ratings as JSON Lines or CSV.</summary>
    public static PushStreamHttpResult WriteRatings(IQueryable<RatingExportRow> rows, bool csv) => csv
        ? CsvLines.Stream(RatingColumns, rows.AsAsyncEnumerable(), r =>
        [
            Num(r.Id), r.ProjectId.ToString(), r.ItemId.ToString(), r.AnnotatorId.ToString(), r.AnnotatorKind.ToString(), Bool(r.Excluded),
            r.Role.ToString(), r.Question, Num(r.TurnIndex), r.Value, Time(r.SubmittedAt), Num(r.Position), Bool(r.SidesSwapped), Num(r.Seconds),
            Bool(r.Flagged), Num(r.GoldScore), r.ProjectConfigHash, r.SessionId, r.Condition, r.StageKey, Num(r.ItemTurnIndex), r.ArtifactKey, r.ConfigHash,
        ])
        : JsonLines.Stream(rows.AsAsyncEnumerable(), (w, r) => System.Text.Json.JsonSerializer.SerializeToElement(r, ConfigHash.Json).WriteTo(w));

    /// <summary>Adjudications as JSON Lines or CSV.</summary>
    public static PushStreamHttpResult WriteAdjudications(IQueryable<AdjudicationExportRow> rows, bool csv) => csv
        ? CsvLines.Stream(AdjudicationColumns, rows.AsAsyncEnumerable(), d =>
        [
            Num(d.Id), d.ProjectId.ToString(), d.ItemId.ToString(), d.Question, Num(d.TurnIndex), d.Value, d.Note, d.Reviewer, Time(d.DecidedAt),
            d.SessionId, d.Condition, d.StageKey, d.ArtifactKey,
        ])
        : JsonLines.Stream(rows.AsAsyncEnumerable(), (w, d) => System.Text.Json.JsonSerializer.SerializeToElement(d, ConfigHash.Json).WriteTo(w));

    private static string? Num(long? v) => v?.ToString(CultureInfo.InvariantCulture);
    private static string? Num(int? v) => v?.ToString(CultureInfo.InvariantCulture);
    private static string? Num(double? v) => v?.ToString("R", CultureInfo.InvariantCulture);
    private static string Bool(bool v) => v ? "true" : "false";
    private static string Time(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);
}
