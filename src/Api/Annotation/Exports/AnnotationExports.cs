using System.Text.Json;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Api.Exports;
using InteractionLab.Domain.Studies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Exports;

/// <summary>
/// Third-party ratings and adjudications of a study, streamed from the database as JSON Lines or CSV (the platform's
/// one CSV writer), joined to the session, stage and artifact they rate. Ids of items and annotators are pseudonymous;
/// excluded annotators' ratings are kept and flagged.
/// </summary>
public static class AnnotationExports
{
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

    /// <summary>Ratings as JSON Lines or, with <c>format=csv</c>, CSV (<see cref="ExportFile"/>).</summary>
    public static PushStreamHttpResult WriteRatings(IQueryable<RatingExportRow> rows, string? format) => ExportFile.Stream(rows.AsAsyncEnumerable(), Write, format);

    /// <summary>Adjudications as JSON Lines or, with <c>format=csv</c>, CSV (<see cref="ExportFile"/>).</summary>
    public static PushStreamHttpResult WriteAdjudications(IQueryable<AdjudicationExportRow> rows, string? format) => ExportFile.Stream(rows.AsAsyncEnumerable(), Write, format);

    // Every property is written, nulls included (ConfigHash.Json), so every CSV line has the same columns.
    private static void Write<T>(Utf8JsonWriter w, T row) => JsonSerializer.SerializeToElement(row, ConfigHash.Json).WriteTo(w);
}
