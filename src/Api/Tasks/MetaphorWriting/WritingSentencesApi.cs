using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Exports;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>
/// HALIE's per-sentence table of a study's writing sessions (run here or imported):
/// <c>GET /api/v1/studies/{study}/writing/sentences</c> (JSON Lines) and <c>…/sentences.csv</c>, with HALIE's column
/// names and values (<c>event_blocks.csv</c> of the metaphor task, less the third-party ratings). The study is named by
/// id or slug. An API key with the <c>export</c> scope (bound to the study or to all), or staff who manage the study.
/// Simulated (pilot) sessions only with <c>?includeSimulated=true</c>, as in the other exports.
/// </summary>
public static class WritingSentencesApi
{
    /// <summary>The columns, in HALIE's order.</summary>
    public static readonly string[] Columns =
    [
        "session_id", "worker_id", "order_id", "norm_order_id", "model", "prompt", "elapsed_time", "num_queries",
        "num_events", "acceptance", "model_completion", "final_sentence", "edit_model_final_token", "edit_model_final_char",
    ];

    /// <summary>Maps both endpoints.</summary>
    public static IEndpointRouteBuilder MapWritingSentencesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/studies/{study}/writing").WithTags("Exports").RequireAuthorization(StaffOrApiKey.ReadPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/sentences", JsonLinesAsync).WithName("ExportWritingSentences")
            .WithSummary("HALIE's per-sentence table of the study's writing sessions as JSON Lines (session_id, worker_id, order_id, norm_order_id, model, prompt, elapsed_time, num_queries, num_events, acceptance, model_completion, final_sentence, edit_model_final_token, edit_model_final_char).")
            .Produces<string>(200, JsonLines.ContentType);
        api.MapGet("/sentences.csv", CsvAsync).WithName("ExportWritingSentencesCsv")
            .WithSummary("The same per-sentence table as CSV with HALIE's column names; text cells that a spreadsheet would run as a formula get a leading apostrophe.")
            .Produces<string>(200, "text/csv");
        return app;
    }

    private static async Task<PushStreamHttpResult> JsonLinesAsync(string study, bool? includeSimulated, ClaimsPrincipal user, PlatformDbContext db, IStudyAccess access, CancellationToken ct)
    {
        var (_, sessions) = await SessionsAsync(study, includeSimulated, user, db, access, ct);
        return JsonLines.Stream(WritingSentences.ReadAsync(db, sessions, ct), Write);
    }

    private static async Task<PushStreamHttpResult> CsvAsync(string study, bool? includeSimulated, ClaimsPrincipal user, PlatformDbContext db, IStudyAccess access, CancellationToken ct)
    {
        var (found, sessions) = await SessionsAsync(study, includeSimulated, user, db, access, ct);
        return TypedResults.Stream(async body =>
        {
            // "\n" line ends, as pandas wrote HALIE's event_blocks.csv.
            await using var writer = new StreamWriter(body, new UTF8Encoding(false)) { NewLine = "\n" };
            await writer.WriteLineAsync(string.Join(',', Columns));
            await foreach (var row in WritingSentences.ReadAsync(db, sessions, ct))
                await writer.WriteLineAsync(CsvLine(row));
        }, "text/csv; charset=utf-8", $"{found.Slug}-sentences.csv");
    }

    /// <summary>One CSV line: numbers as Python prints them (<c>0.35</c>, <c>100.0</c>; the float columns of pandas'
    /// table), an undefined value as the empty cell, text through <see cref="CsvCell"/>.</summary>
    public static string CsvLine(WritingSentenceRow row)
    {
        var m = row.Metrics;
        return string.Join(',',
            CsvCell.Text(row.SessionId), CsvCell.Text(row.WorkerId), Integer(m.OrderId), Float(m.NormOrderId), CsvCell.Text(row.Model),
            CsvCell.Text(row.Prompt), Float(m.ElapsedMinutes), Integer(m.Queries), Integer(m.Events), Float(m.Acceptance),
            CsvCell.Text(m.ModelCompletion), CsvCell.Text(m.FinalSentence), Integer(m.EditTokens), Integer(m.EditCharacters));
    }

    private static void Write(Utf8JsonWriter w, WritingSentenceRow row)
    {
        var m = row.Metrics;
        w.WriteStartObject();
        w.WriteString("session_id", row.SessionId);
        w.WriteString("worker_id", row.WorkerId);
        w.WriteNumber("order_id", m.OrderId);
        Number(w, "norm_order_id", m.NormOrderId);
        w.WriteString("model", row.Model);
        w.WriteString("prompt", row.Prompt);
        Number(w, "elapsed_time", m.ElapsedMinutes);
        w.WriteNumber("num_queries", m.Queries);
        w.WriteNumber("num_events", m.Events);
        Number(w, "acceptance", m.Acceptance);
        w.WriteString("model_completion", m.ModelCompletion);
        w.WriteString("final_sentence", m.FinalSentence);
        w.WriteNumber("edit_model_final_token", m.EditTokens);
        w.WriteNumber("edit_model_final_char", m.EditCharacters);
        w.WriteEndObject();
    }

    // The study by id or slug; staff must manage it, a study-bound key must be bound to it.
    private static async Task<(Study Study, IQueryable<Session> Sessions)> SessionsAsync(string study, bool? includeSimulated, ClaimsPrincipal user, PlatformDbContext db, IStudyAccess access, CancellationToken ct)
    {
        var id = Guid.TryParse(study, out var g) ? g
            : await db.Studies.Where(s => s.Slug == study).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct) ?? throw PlatformProblemException.StudyNotFound(study);
        var found = await access.GetStudyAsync(db, user, id, manage: true, ct);
        return (found, db.Sessions.AsNoTracking().Where(s => s.StudyId == found.Id && (includeSimulated == true || !s.IsSimulated)));
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Float(double? value) => value is { } v ? PythonFloat.Repr(v) : "";
}
