using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Imports;
using InteractionLab.Domain;
using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>
/// Metrics of the metaphor writing task (HALIE / CoAuthor): suggestion queries, opens, selects, acceptance rate
/// (selects ÷ opens) and how far picked suggestions were edited (character edit distance suggestion → final sentence),
/// computed by the Domain's <see cref="WritingMetrics"/> from the browser's <c>writing.*</c> events. Imported CoAuthor
/// sessions go through the same conversion. One query reads the events of every counted session.
/// </summary>
public sealed class MetaphorWritingMetricSource : ISessionMetricSource
{
    /// <summary>Metric keys.</summary>
    public const string Queries = "writing:queries", Opens = "writing:opens", Selects = "writing:selects",
        AcceptanceRate = "writing:acceptance-rate", EditDistance = "writing:edit-distance",
        NormalizedEditDistance = "writing:normalized-edit-distance";

    private static readonly ResultMetric[] Metrics =
    [
        new(Queries, "Suggestion requests (Tab)", "Suggestions", ResultKind.Mean),
        new(Opens, "Suggestion lists shown", "Suggestions", ResultKind.Mean),
        new(Selects, "Suggestions picked", "Suggestions", ResultKind.Mean),
        new(AcceptanceRate, "Acceptance rate (picked ÷ shown)", "Acceptance", ResultKind.Proportion, 1),
        new(EditDistance, "Edit distance, suggestion → final sentence (characters)", "Editing of suggestions", ResultKind.Mean),
        new(NormalizedEditDistance, "Edit distance, normalised (0 = kept as is, 1 = rewritten)", "Editing of suggestions", ResultKind.Proportion, 1),
    ];

    /// <inheritdoc />
    public async Task<SessionMetrics> ComputeAsync(ResultsScope scope, CancellationToken ct)
    {
        var versions = scope.Configs.Where(c => c.Value.Stages.Any(s => s.Task?.Type == MetaphorWritingTask.TaskKey)).Select(c => c.Key).ToHashSet();
        var importPrefix = CoAuthorImportService.SourcePrefix;
        // One query for all sessions: our editor's events by their prefix, and every browser event of an imported session.
        var rows = await scope.Db.TraceEvents.AsNoTracking()
            .Where(e => e.Origin == TraceOrigin.Client)
            .Join(scope.Query, e => e.SessionId, s => s.Id, (e, s) => new { Event = e, Imported = s.ImportSource != null && s.ImportSource.StartsWith(importPrefix) })
            .Where(x => x.Event.Type.StartsWith(WritingTrace.Prefix) || x.Imported)
            .OrderBy(x => x.Event.SessionId).ThenBy(x => x.Event.Sequence)
            .Select(x => new { x.Event.SessionId, x.Event.Type, x.Event.Payload, x.Event.ClientTimeMs })
            .ToListAsync(ct);
        var traces = rows.GroupBy(r => r.SessionId)
            .ToDictionary(g => g.Key, g => WritingTrace.ToDomain(g.Select(r => new StoredWritingEvent(r.Type, r.Payload, r.ClientTimeMs))));
        var sessions = scope.Sessions.Where(s => versions.Contains(s.StudyVersionId) || traces.ContainsKey(s.Id)).ToList();
        if (sessions.Count == 0) return new SessionMetrics([], []);

        var values = new List<SessionMetricValue>(sessions.Count * Metrics.Length);
        foreach (var s in sessions)
        {
            void Add(string metric, double? value) => values.Add(new SessionMetricValue(s.Id.ToString(), s.Condition, metric, value ?? double.NaN));
            var m = traces.TryGetValue(s.Id, out var trace) ? WritingTrace.Metrics(trace) : null;
            Add(Queries, m?.Queries ?? 0);
            Add(Opens, m?.Opens ?? 0);
            Add(Selects, m?.Selects ?? 0);
            // Undefined (left out of the mean) rather than 0 where nothing was shown or picked.
            Add(AcceptanceRate, m?.AcceptanceRate);
            Add(EditDistance, m?.MeanEditDistance);
            Add(NormalizedEditDistance, m is { Suggestions.Count: > 0 } ? m.Suggestions.Average(u => u.NormalizedEditDistance) : null);
        }
        return new SessionMetrics(Metrics, values);
    }
}
