using InteractionLab.Api.ConditionResults;
using InteractionLab.Domain.Metrics;

namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>
/// Metrics of the metaphor writing task as HALIE reports them (<c>notebook/Run analysis for the five tasks.ipynb</c>,
/// metaphor section): per condition, mean ± SE over SENTENCES of the per-sentence table (<see cref="WritingSentences"/>)
/// — minutes, queries and events per sentence, acceptance in %, and the edit distance from the model's completion to
/// the final sentence over the sentences with acceptance &gt; 0 (HALIE's <c>df_sentences.query('acceptance &gt; 0')</c>) —
/// plus sentences per session. Our editor's sessions and imported CoAuthor/HALIE sessions are measured alike.
/// </summary>
public sealed class MetaphorWritingMetricSource : ISessionMetricSource
{
    /// <summary>Metric keys.</summary>
    public const string Sentences = "writing:sentences", ElapsedTime = "writing:elapsed-time", Queries = "writing:queries",
        Events = "writing:events", Acceptance = "writing:acceptance", EditTokens = "writing:edit-tokens", EditCharacters = "writing:edit-characters";

    private const string PerSentence = "Per sentence (n = sentences)";

    private static readonly ResultMetric[] Metrics =
    [
        new(Sentences, "Sentences submitted per session", "Sentences", ResultKind.Mean),
        new(ElapsedTime, "Minutes per sentence", PerSentence, ResultKind.Mean),
        new(Queries, "Suggestion requests per sentence", PerSentence, ResultKind.Mean),
        new(Events, "Events per sentence", PerSentence, ResultKind.Mean),
        new(Acceptance, "Acceptance: lists picked from ÷ lists shown (%)", "Acceptance per sentence (n = sentences with a list shown)", ResultKind.Mean, 100),
        new(EditTokens, "Edit distance, model completion → final sentence (tokens)", "Editing of suggestions (n = sentences with acceptance > 0)", ResultKind.Mean),
        new(EditCharacters, "Edit distance, model completion → final sentence (characters)", "Editing of suggestions (n = sentences with acceptance > 0)", ResultKind.Mean),
    ];

    /// <inheritdoc />
    public async Task<SessionMetrics> ComputeAsync(ResultsScope scope, CancellationToken ct)
    {
        var versions = scope.Configs.Where(c => c.Value.Stages.Any(s => s.Task?.Type == MetaphorWritingTask.TaskKey)).Select(c => c.Key).ToHashSet();
        var values = new List<SessionMetricValue>();
        var perSession = new Dictionary<Domain.SessionId, int>();
        await foreach (var row in WritingSentences.ReadAsync(scope.Db, scope.Query, ct))
        {
            var unit = $"{row.Session}#{row.Metrics.OrderId}";
            var m = row.Metrics;
            void Add(string metric, double? value) => values.Add(new SessionMetricValue(unit, row.Model, metric, value ?? double.NaN));
            perSession[row.Session] = perSession.GetValueOrDefault(row.Session) + 1;
            Add(ElapsedTime, m.ElapsedMinutes);
            Add(Queries, m.Queries);
            Add(Events, m.Events);
            Add(Acceptance, m.Acceptance);
            Add(EditTokens, m.Acceptance > 0 ? m.EditTokens : null);
            Add(EditCharacters, m.Acceptance > 0 ? m.EditCharacters : null);
        }
        var sessions = scope.Sessions.Where(s => versions.Contains(s.StudyVersionId) || perSession.ContainsKey(s.Id)).ToList();
        if (sessions.Count == 0) return new SessionMetrics([], []);
        values.AddRange(sessions.Select(s => new SessionMetricValue(s.Id.ToString(), s.Condition, Sentences, perSession.GetValueOrDefault(s.Id))));
        return new SessionMetrics(Metrics, values);
    }
}
