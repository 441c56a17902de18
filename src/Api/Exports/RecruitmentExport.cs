using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Exports;

/// <summary>
/// The "Prolific/MTurk" CSV (<c>/api/v1/studies/{study}/recruitment.csv</c>): one line per session that came from a
/// recruitment platform, with what a researcher needs to approve, reject and pay bonuses there — the platform's
/// participant, study and submission ids (Prolific: PROLIFIC_PID, STUDY_ID, SESSION_ID; MTurk: workerId, hitId,
/// assignmentId), the session's status, the code it was given, the time taken and the failed attention checks.
/// Ids are masked for callers who do not manage the study (<see cref="RecruitmentIdVisibility"/>). Written by
/// <see cref="ExportFile"/>, the exports' one CSV writer. Columns: see README.md beside this file.
/// </summary>
public static class RecruitmentExport
{
    /// <summary>The CSV header line (the row writer's property names, in order).</summary>
    public const string Header = "platform,participant_id,platform_study_id,submission_id,session_id,condition,status,completion_code,started_at,completed_at,time_taken_seconds,failed_attention_checks";

    /// <summary>Sessions of a study with their participant's recruitment ids (a left join: open-link sessions have none).</summary>
    public static IQueryable<SessionWithIds> SessionsWithIds(PlatformDbContext db, Guid studyId, bool includeSimulated) =>
        from s in db.Sessions.AsNoTracking()
        where s.StudyId == studyId && (includeSimulated || !s.IsSimulated)
        from x in db.ParticipantExternalIds.AsNoTracking().Where(x => x.StudyId == s.StudyId && x.ParticipantId == s.ParticipantId).DefaultIfEmpty()
        select new SessionWithIds { Session = s, Ids = x };

    /// <summary>Streams the CSV, oldest session first.</summary>
    public static async Task<PushStreamHttpResult> DownloadAsync(string study, bool? includeSimulated, ClaimsPrincipal user, PlatformDbContext db, IStudyAccess access,
        HttpContext http, CancellationToken ct)
    {
        var (studyId, slug, reveal) = await ExportApi.ResolveAsync(study, user, db, access, ct);
        var rows = SessionsWithIds(db, studyId, includeSimulated == true).Where(r => r.Ids != null)
            .OrderBy(r => r.Session.StartedAt).AsAsyncEnumerable();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{slug}-recruitment.csv\"";
        return ExportFile.Stream(rows, (w, row) => Write(w, row, reveal), "csv", Header);
    }

    // Time taken runs to completion, or to the last activity of a session that did not complete.
    private static void Write(Utf8JsonWriter w, SessionWithIds row, bool reveal)
    {
        var (s, x) = (row.Session, row.Ids!);
        string? Id(string? value) => value is null ? null : RecruitmentIdVisibility.Show(value, reveal);
        w.WriteStartObject();
        w.WriteString("platform", x.Source);
        w.WriteString("participant_id", Id(x.ExternalParticipantId));
        w.WriteString("platform_study_id", Id(x.ExternalStudyId));
        w.WriteString("submission_id", Id(x.ExternalSessionId));
        w.WriteString("session_id", s.Id.ToString());
        w.WriteString("condition", s.ConditionKey);
        w.WriteString("status", s.Status.ToString());
        w.WriteString("completion_code", s.CompletionCode ?? "");
        w.WriteString("started_at", Time(s.StartedAt));
        w.WriteString("completed_at", s.CompletedAt is { } done ? Time(done) : null);
        w.WriteNumber("time_taken_seconds", Math.Round(Math.Max(0, ((s.CompletedAt ?? s.LastSeenAt) - s.StartedAt).TotalSeconds)));
        w.WriteNumber("failed_attention_checks", s.FailedAttentionChecks);
        w.WriteEndObject();
    }

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
