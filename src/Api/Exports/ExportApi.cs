using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Exports;

/// <summary>
/// Dataset exports for analysis: <c>/api/v1/studies/{study}/sessions|turns|events|surveys</c> as JSON Lines (or CSV
/// with <c>?format=csv</c>, see <see cref="ExportFile"/>), streamed from the database. Incremental pulls: each response
/// of turns, events and survey answers names in its <c>Next-After</c> header the cursor to pass as <c>?after=</c> next
/// time (<see cref="ExportCursor"/>): a puller that always does so gets every record exactly once, even records committed
/// out of id order or stamped with a time older than the last pull; <c>?since=</c> (a time) remains for sessions and
/// for quick looks. Callers: an API key with the <c>export</c> scope (and, for a
/// study-bound key, the same study), or a signed-in researcher or admin who may see the study (the results page's
/// download links) — the same endpoints for both. Recruitment ids are unmasked only for those who manage the study
/// (<see cref="RecruitmentIdVisibility"/>). Simulated (pilot) sessions and their records are left out unless
/// <c>?includeSimulated=true</c>.
/// </summary>
public static class ExportApi
{
    /// <summary>Maps the export endpoints.</summary>
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/studies/{study}")
            .WithTags("Exports")
            .RequireAuthorization(StaffOrApiKey.ReadPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sessions", ExportSessionsAsync).WithName("ExportSessions")
            .WithSummary("Sessions of a study (changed since ?since=) as JSON Lines (?format=csv for CSV); simulated (pilot) sessions only with ?includeSimulated=true.").ProducesExport();
        api.MapGet("/turns", ExportTurnsAsync).WithName("ExportTurns")
            .WithSummary("Dialogue and task turns with timings, decoding settings and token counts, after the cursor ?after= (the Next-After header of the previous pull), as JSON Lines (?format=csv for CSV); simulated sessions only with ?includeSimulated=true.").ProducesExport();
        api.MapGet("/events", ExportEventsAsync).WithName("ExportEvents")
            .WithSummary("Trace events (client and server) after the cursor ?after= (the Next-After header of the previous pull; or stored since ?since=) as JSON Lines (?format=csv for CSV); simulated sessions only with ?includeSimulated=true.").ProducesExport();
        api.MapGet("/surveys", ExportSurveysAsync).WithName("ExportSurveys")
            .WithSummary("Survey answers after the cursor ?after= (the Next-After header of the previous pull; or submitted since ?since=) as JSON Lines (?format=csv for CSV); simulated sessions only with ?includeSimulated=true.").ProducesExport();
        api.MapGet("/recruitment.csv", RecruitmentExport.DownloadAsync).WithName("ExportRecruitmentCsv")
            .WithSummary("One line per Prolific/MTurk participant: ids, status, completion code, time taken and failed attention checks, to approve, reject and pay bonuses (CSV).")
            .Produces<string>(200, "text/csv");
        return app;
    }

    /// <summary>Streams sessions.</summary>
    /// <remarks>Each session carries its <c>recruitment</c> ids (platform, participant, study, submission) or null.</remarks>
    public static async Task<PushStreamHttpResult> ExportSessionsAsync([AsParameters] ExportRequest request)
    {
        var (studyId, _, reveal) = await request.ResolveAsync();
        var since = request.Since;
        var rows = RecruitmentExport.SessionsWithIds(request.Db, studyId, request.Simulated)
            .Where(r => since == null || r.Session.LastSeenAt > since)
            .OrderBy(r => r.Session.StartedAt).AsAsyncEnumerable();
        return ExportFile.Stream(rows, (w, row) =>
        {
            var s = row.Session;
            w.WriteStartObject();
            w.WriteString("sessionId", s.Id.ToString());
            w.WriteString("participantId", s.ParticipantId.ToString("N"));
            w.WriteString("studyVersionId", s.StudyVersionId);
            w.WriteString("configHash", s.ConfigHash);
            w.WriteString("condition", s.ConditionKey);
            w.WriteNumber("scenarioIndex", s.ScenarioIndex);
            w.WriteNumber("stageIndex", s.StageIndex);
            w.WriteString("status", s.Status.ToString());
            w.WriteString("startedAt", s.StartedAt);
            w.WriteString("lastSeenAt", s.LastSeenAt);
            if (s.CompletedAt is { } done) w.WriteString("completedAt", done); else w.WriteNull("completedAt");
            w.WriteNumber("clientSequenceWatermark", s.ClientSequenceWatermark);
            w.WriteNumber("failedAttentionChecks", s.FailedAttentionChecks);
            w.WriteBoolean("simulated", s.IsSimulated);
            // Where an imported session came from (e.g. "coauthor:session-12.jsonl"); null for sessions run here.
            w.WriteString("importSource", s.ImportSource);
            if (row.Ids is not { } ids) w.WriteNull("recruitment");
            else
            {
                w.WriteStartObject("recruitment");
                w.WriteString("platform", ids.Source);
                w.WriteString("participantId", RecruitmentIdVisibility.Show(ids.ExternalParticipantId, reveal));
                w.WriteString("studyId", ids.ExternalStudyId is { } sid ? RecruitmentIdVisibility.Show(sid, reveal) : null);
                w.WriteString("submissionId", ids.ExternalSessionId is { } sub ? RecruitmentIdVisibility.Show(sub, reveal) : null);
                w.WriteBoolean("masked", !reveal);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }, request.Format);
    }

    /// <summary>Streams dialogue turns.</summary>
    /// <remarks><c>after</c>: the cursor of an incremental pull (see <see cref="ExportCursor"/>).</remarks>
    public static async Task<PushStreamHttpResult> ExportTurnsAsync([AsParameters] ExportRequest request, string? after, TimeProvider time)
    {
        var (studyId, _, _) = await request.ResolveAsync();
        var (db, since, simulated) = (request.Db, request.Since, request.Simulated);
        var turns = db.Turns.AsNoTracking()
            .Where(t => db.Sessions.Any(s => s.Id == t.SessionId && s.StudyId == studyId && (simulated || !s.IsSimulated)));
        // A model turn is stored when its reply is requested and completed later: a reply still being generated is held
        // back, and the cursor stops before it, until it is saved (a turn left generating by a crash stops holding back
        // once it is older than any reply can run; it is marked interrupted at the next start).
        var youngest = time.GetUtcNow() - Replies.ReplyStore.LongestReply;
        var rows = (await ExportCursor.Parse(after).FilterAsync(turns, db, request.Response, request.Cancellation, t => t.FinishReason == Replies.ReplyStore.Generating && t.CreatedAt > youngest))
            .Where(t => (since == null || t.CreatedAt > since) && t.FinishReason != Replies.ReplyStore.Generating)
            .OrderBy(t => t.Id).AsAsyncEnumerable();
        return ExportFile.Stream(rows, (w, t) =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", t.Id);
            w.WriteString("sessionId", t.SessionId.ToString());
            w.WriteNumber("index", t.Index);
            w.WriteString("stageKey", t.StageKey);
            w.WriteString("itemKey", t.ItemKey);
            WriteNumberOrNull(w, "choiceIndex", t.ChoiceIndex);
            w.WriteString("role", t.Role.ToString());
            w.WriteString("text", t.Text);
            w.WriteString("createdAt", t.CreatedAt);
            WriteNumberOrNull(w, "firstTokenMs", t.FirstTokenMs);
            WriteNumberOrNull(w, "totalMs", t.TotalMs);
            w.WriteString("finishReason", t.FinishReason);
            w.WriteBoolean("stoppedByParticipant", t.StoppedByParticipant);
            WriteNumberOrNull(w, "seed", t.Seed);
            w.WriteString("model", t.Model);
            WriteNumberOrNull(w, "inputTokens", t.InputTokens);
            WriteNumberOrNull(w, "outputTokens", t.OutputTokens);
            w.WritePropertyName("decoding");
            if (t.DecodingJson is null) w.WriteNullValue(); else w.WriteRawValue(t.DecodingJson, skipInputValidation: true);
            w.WriteEndObject();
        }, request.Format);
    }

    /// <summary>Streams trace events.</summary>
    /// <remarks><c>after</c>: the cursor of an incremental pull (see <see cref="ExportCursor"/>).</remarks>
    public static async Task<PushStreamHttpResult> ExportEventsAsync([AsParameters] ExportRequest request, string? after)
    {
        var (studyId, _, _) = await request.ResolveAsync();
        var (db, since, simulated) = (request.Db, request.Since, request.Simulated);
        var rows = (await ExportCursor.Parse(after).FilterAsync(db.TraceEvents.AsNoTracking(), db, request.Response, request.Cancellation))
            .Where(e => db.Sessions.Any(s => s.Id == e.SessionId && s.StudyId == studyId && (simulated || !s.IsSimulated)) && (since == null || e.ServerTime > since))
            .OrderBy(e => e.Id).AsAsyncEnumerable();
        return ExportFile.Stream(rows, (w, e) =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", e.Id);
            w.WriteString("sessionId", e.SessionId.ToString());
            w.WriteString("origin", e.Origin.ToString().ToLowerInvariant());
            w.WriteString("stageKey", e.StageKey);
            w.WriteNumber("sequence", e.Sequence);
            w.WriteString("clientInstance", e.ClientInstance?.ToString("N"));
            WriteNumberOrNull(w, "clientSequence", e.ClientSequence);
            WriteNumberOrNull(w, "clientTimeMs", e.ClientTimeMs);
            w.WriteString("serverTime", e.ServerTime);
            w.WriteString("type", e.Type);
            w.WritePropertyName("payload");
            w.WriteRawValue(e.Payload, skipInputValidation: true);
            // Only on an event stored in a safe form: why, and the JSON text exactly as the browser sent it.
            if (e.PayloadIssue is not null)
            {
                w.WriteString("payloadIssue", e.PayloadIssue);
                w.WriteString("originalPayload", e.OriginalPayload);
            }
            w.WriteEndObject();
        }, request.Format);
    }

    /// <summary>Streams survey answers.</summary>
    /// <remarks><c>after</c>: the cursor of an incremental pull (see <see cref="ExportCursor"/>).</remarks>
    public static async Task<PushStreamHttpResult> ExportSurveysAsync([AsParameters] ExportRequest request, string? after, StudyConfigCache configs)
    {
        var (studyId, _, _) = await request.ResolveAsync();
        var (db, since, simulated, ct) = (request.Db, request.Since, request.Simulated, request.Cancellation);
        // Scoring needs each answer's item as configured in its session's frozen version (a handful per study).
        var items = new Dictionary<(Guid, string, string), SurveyItem>();
        foreach (var versionId in await db.StudyVersions.Where(v => v.StudyId == studyId).Select(v => v.Id).ToListAsync(ct))
            foreach (var stage in (await configs.GetAsync(db, versionId, ct)).Stages)
                foreach (var item in stage.Survey?.Items ?? [])
                    items[(versionId, stage.Key, item.Key)] = item;
        var rows = (from r in await ExportCursor.Parse(after).FilterAsync(db.SurveyResponses.AsNoTracking(), db, request.Response, ct)
                    join s in db.Sessions on r.SessionId equals s.Id
                    where s.StudyId == studyId && (simulated || !s.IsSimulated) && (since == null || r.SubmittedAt > since)
                    orderby r.Id
                    select new { Response = r, s.StudyVersionId }).AsAsyncEnumerable();
        return ExportFile.Stream(rows, (w, row) =>
        {
            var r = row.Response;
            var item = items.GetValueOrDefault((row.StudyVersionId, r.StageKey, r.ItemKey));
            w.WriteStartObject();
            w.WriteNumber("id", r.Id);
            w.WriteString("sessionId", r.SessionId.ToString());
            w.WriteString("stageKey", r.StageKey);
            w.WriteString("itemKey", r.ItemKey);
            WriteNumberOrNull(w, "turnIndex", r.TurnIndex);
            w.WriteString("value", r.Value);
            // Reverse-coded items: Min + Max − value; the raw value above is what the participant chose.
            WriteNumberOrNull(w, "scored", item is null || r.TimedOut ? null : SurveyScoring.Scored(item, r.Value));
            w.WriteBoolean("reverseCoded", item?.ReverseCoded ?? false);
            if (item is null || r.TimedOut || SurveyScoring.PassesAttentionCheck(item, r.Value) is not { } passed)
                w.WriteNull("attentionCheckPassed");
            else
                w.WriteBoolean("attentionCheckPassed", passed);
            w.WriteBoolean("timedOut", r.TimedOut);
            w.WriteString("submittedAt", r.SubmittedAt);
            w.WriteEndObject();
        }, request.Format);
    }

    /// <summary>
    /// The study named by id or slug, if the caller may read it (a key bound to another study: 403; staff who may not
    /// see it: 404), and whether the caller sees recruitment ids unmasked.
    /// </summary>
    internal static async Task<(Guid StudyId, string Slug, bool RevealIds)> ResolveAsync(string study, ClaimsPrincipal user, PlatformDbContext db, IStudyAccess access, CancellationToken ct)
    {
        var id = Guid.TryParse(study, out var g)
            ? await db.Studies.Where(s => s.Id == g).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct)
            : await db.Studies.Where(s => s.Slug == study).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct);
        if (id is null) throw new PlatformProblemException(404, "Study not found", $"There is no study '{study}'.");
        var found = await access.GetStudyAsync(db, user, id.Value, manage: false, ct);
        return (found.Id, found.Slug, await RecruitmentIdVisibility.RevealsAsync(access, db, user, found.Id, ct));
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }
}
