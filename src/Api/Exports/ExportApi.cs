using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Exports;

/// <summary>
/// Dataset exports for analysis: <c>/api/v1/studies/{study}/sessions|turns|events|surveys</c> as JSON Lines,
/// streamed from the database. Incremental pulls: records (turns, events, survey answers) carry their <c>id</c>
/// and <c>?after=</c> returns only records with a larger id — exact even when a record's own timestamp is older
/// than the last pull (a model turn is stamped when it was requested but stored when it ends); <c>?since=</c>
/// (a time) remains for sessions and for quick looks. Requires an API key with the
/// <c>export</c> scope (and, for a study-bound key, the same study). Simulated (pilot) sessions and their records
/// are left out unless <c>?includeSimulated=true</c>.
/// </summary>
public static class ExportApi
{
    /// <summary>Maps the export endpoints.</summary>
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/studies/{study}")
            .WithTags("Exports")
            .RequireAuthorization(ApiKeyScopes.ExportPolicy);
        api.MapGet("/sessions", ExportSessionsAsync).WithName("ExportSessions")
            .WithSummary("Sessions of a study (changed since ?since=) as JSON Lines; simulated (pilot) sessions only with ?includeSimulated=true.").Produces(200, contentType: JsonLines.ContentType);
        api.MapGet("/turns", ExportTurnsAsync).WithName("ExportTurns")
            .WithSummary("Dialogue and task turns with timings, decoding settings and token counts (id > ?after=) as JSON Lines; simulated sessions only with ?includeSimulated=true.").Produces(200, contentType: JsonLines.ContentType);
        api.MapGet("/events", ExportEventsAsync).WithName("ExportEvents")
            .WithSummary("Trace events (client and server) with id > ?after= (or stored since ?since=) as JSON Lines; simulated sessions only with ?includeSimulated=true.").Produces(200, contentType: JsonLines.ContentType);
        api.MapGet("/surveys", ExportSurveysAsync).WithName("ExportSurveys")
            .WithSummary("Survey answers with id > ?after= (or submitted since ?since=) as JSON Lines; simulated sessions only with ?includeSimulated=true.").Produces(200, contentType: JsonLines.ContentType);
        return app;
    }

    /// <summary>Streams sessions.</summary>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportSessionsAsync(
        string study, DateTimeOffset? since, ClaimsPrincipal user, bool? includeSimulated, PlatformDbContext db, CancellationToken ct)
    {
        var (studyId, problem) = await ResolveAsync(study, user, db, ct);
        if (problem is not null) return problem;
        var rows = db.Sessions.AsNoTracking().Where(s => s.StudyId == studyId && (includeSimulated == true || !s.IsSimulated) && (since == null || s.LastSeenAt > since))
            .OrderBy(s => s.StartedAt).AsAsyncEnumerable();
        return JsonLines.Stream(rows, (w, s) =>
        {
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
            w.WriteEndObject();
        });
    }

    /// <summary>Streams dialogue turns.</summary>
    /// <remarks><c>after</c>: only records whose id is larger (the cursor of an incremental pull).</remarks>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportTurnsAsync(
        string study, DateTimeOffset? since, long? after, ClaimsPrincipal user, bool? includeSimulated, PlatformDbContext db, TimeProvider time,
        CancellationToken ct)
    {
        var (studyId, problem) = await ResolveAsync(study, user, db, ct);
        if (problem is not null) return problem;
        var turns = db.Turns.AsNoTracking()
            .Where(t => db.Sessions.Any(s => s.Id == t.SessionId && s.StudyId == studyId && (includeSimulated == true || !s.IsSimulated)));
        // A model turn is stored when its reply is requested and completed later. Rows from the oldest reply still being
        // generated on wait until it is saved, so a pull never takes a turn that is not final nor moves its cursor past
        // one (a turn left generating by a crash stops holding back once it is older than any reply can run).
        var horizon = await turns.Where(t => t.FinishReason == Replies.ReplyStore.Generating && t.CreatedAt > time.GetUtcNow() - Replies.ReplyStore.LongestReply)
            .MinAsync(t => (long?)t.Id, ct);
        var rows = turns
            .Where(t => (since == null || t.CreatedAt > since) && (after == null || t.Id > after) && (horizon == null || t.Id < horizon)
                && t.FinishReason != Replies.ReplyStore.Generating)
            .OrderBy(t => t.Id).AsAsyncEnumerable();
        return JsonLines.Stream(rows, (w, t) =>
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
        });
    }

    /// <summary>Streams trace events.</summary>
    /// <remarks><c>after</c>: only records whose id is larger (the cursor of an incremental pull).</remarks>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportEventsAsync(
        string study, DateTimeOffset? since, long? after, ClaimsPrincipal user, bool? includeSimulated, PlatformDbContext db, CancellationToken ct)
    {
        var (studyId, problem) = await ResolveAsync(study, user, db, ct);
        if (problem is not null) return problem;
        var rows = db.TraceEvents.AsNoTracking()
            .Where(e => db.Sessions.Any(s => s.Id == e.SessionId && s.StudyId == studyId && (includeSimulated == true || !s.IsSimulated)) && (since == null || e.ServerTime > since) && (after == null || e.Id > after))
            .OrderBy(e => e.Id).AsAsyncEnumerable();
        return JsonLines.Stream(rows, (w, e) =>
        {
            w.WriteStartObject();
            w.WriteNumber("id", e.Id);
            w.WriteString("sessionId", e.SessionId.ToString());
            w.WriteString("origin", e.Origin.ToString().ToLowerInvariant());
            w.WriteString("stageKey", e.StageKey);
            w.WriteNumber("sequence", e.Sequence);
            WriteNumberOrNull(w, "clientTimeMs", e.ClientTimeMs);
            w.WriteString("serverTime", e.ServerTime);
            w.WriteString("type", e.Type);
            w.WritePropertyName("payload");
            w.WriteRawValue(e.Payload, skipInputValidation: true);
            w.WriteEndObject();
        });
    }

    /// <summary>Streams survey answers.</summary>
    /// <remarks><c>after</c>: only records whose id is larger (the cursor of an incremental pull).</remarks>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportSurveysAsync(
        string study, DateTimeOffset? since, long? after, ClaimsPrincipal user, bool? includeSimulated, PlatformDbContext db, StudyConfigCache configs, CancellationToken ct)
    {
        var (studyId, problem) = await ResolveAsync(study, user, db, ct);
        if (problem is not null) return problem;
        // Scoring needs each answer's item as configured in its session's frozen version (a handful per study).
        var items = new Dictionary<(Guid, string, string), SurveyItem>();
        foreach (var versionId in await db.StudyVersions.Where(v => v.StudyId == studyId).Select(v => v.Id).ToListAsync(ct))
            foreach (var stage in (await configs.GetAsync(db, versionId, ct)).Stages)
                foreach (var item in stage.Survey?.Items ?? [])
                    items[(versionId, stage.Key, item.Key)] = item;
        var rows = (from r in db.SurveyResponses.AsNoTracking()
                    join s in db.Sessions on r.SessionId equals s.Id
                    where s.StudyId == studyId && (includeSimulated == true || !s.IsSimulated) && (since == null || r.SubmittedAt > since) && (after == null || r.Id > after)
                    orderby r.Id
                    select new { Response = r, s.StudyVersionId }).AsAsyncEnumerable();
        return JsonLines.Stream(rows, (w, row) =>
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
        });
    }

    // The study is named by id or slug; a key bound to one study sees only that one.
    private static async Task<(Guid StudyId, ProblemHttpResult? Problem)> ResolveAsync(string study, ClaimsPrincipal user, PlatformDbContext db, CancellationToken ct)
    {
        var id = Guid.TryParse(study, out var g)
            ? await db.Studies.Where(s => s.Id == g).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct)
            : await db.Studies.Where(s => s.Slug == study).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct);
        if (id is null)
            return (default, TypedResults.Problem(statusCode: 404, title: "Study not found", detail: $"There is no study '{study}'."));
        var bound = user.FindFirst(ApiKeyScopes.StudyClaim)?.Value;
        if (bound is not null && bound != id.Value.ToString())
            return (default, TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "This API key is limited to another study."));
        return (id.Value, null);
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
