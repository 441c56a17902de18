using System.Runtime.CompilerServices;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Imports;
using InteractionLab.Domain;
using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>
/// The per-sentence table of writing sessions (HALIE's <c>event_blocks.csv</c> of the metaphor task): every session
/// of <c>sessions</c> with writing events — run in our editor or imported — in start order, each sentence measured by
/// <see cref="WritingSentenceMetrics"/>. Events stream from one query, one session's trace in memory at a time, so the
/// exports, the results page and its metrics read the same rows.
/// </summary>
public static class WritingSentences
{
    /// <summary>The rows of <paramref name="sessions"/>' sentences.</summary>
    public static async IAsyncEnumerable<WritingSentenceRow> ReadAsync(PlatformDbContext db, IQueryable<Session> sessions,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var heads = await (from s in sessions
                           join i in db.ImportedSessions on s.Id equals i.SessionId into imported
                           from i in imported.DefaultIfEmpty()
                           select new { s.Id, s.ParticipantId, s.ConditionKey, Source = (string?)i.SourceSessionId, Prompt = (string?)i.Prompt })
            .ToDictionaryAsync(h => h.Id, ct);
        var seeds = await db.TraceEvents.AsNoTracking()
            .Where(e => e.Origin == TraceOrigin.Server && e.Type == MetaphorWritingTask.SeedShown)
            .Join(sessions, e => e.SessionId, s => s.Id, (e, s) => new { e.SessionId, e.Payload })
            .ToListAsync(ct);
        var seedOf = new Dictionary<SessionId, string>();
        foreach (var seed in seeds) seedOf.TryAdd(seed.SessionId, SeedId(seed.Payload));

        var importPrefix = CoAuthorImportService.SourcePrefix;
        var events = (from e in db.TraceEvents.AsNoTracking()
                      join s in sessions on e.SessionId equals s.Id
                      where e.Origin == TraceOrigin.Client
                            && (e.Type.StartsWith(WritingTrace.Prefix) || (s.ImportSource != null && s.ImportSource.StartsWith(importPrefix)))
                      orderby s.StartedAt, s.Id, e.Sequence
                      select new { e.SessionId, e.Type, e.Payload, e.ClientTimeMs }).AsAsyncEnumerable();

        SessionId? current = null;
        var trace = new List<StoredWritingEvent>();
        await foreach (var e in events.WithCancellation(ct))
        {
            if (current is { } open && open != e.SessionId)
            {
                foreach (var row in Rows(open, trace)) yield return row;
                trace.Clear();
            }
            current = e.SessionId;
            trace.Add(new StoredWritingEvent(e.Type, e.Payload, e.ClientTimeMs));
        }
        if (current is { } last)
            foreach (var row in Rows(last, trace)) yield return row;

        IEnumerable<WritingSentenceRow> Rows(SessionId session, List<StoredWritingEvent> stored)
        {
            var head = heads[session];
            var prompt = head.Prompt ?? seedOf.GetValueOrDefault(session) ?? "";
            return WritingSentenceMetrics.FromTrace(WritingTrace.ToDomain(stored))
                .Select(m => new WritingSentenceRow(session, head.Source ?? session.ToString(), head.ParticipantId.ToString("N"), head.ConditionKey, prompt, m));
        }
    }

    // metaphor.seed-shown {id, seed}: HALIE's prompt column holds the seed's key ("life"), so the id rather than the text.
    private static string SeedId(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() ?? "" : "";
    }
}
