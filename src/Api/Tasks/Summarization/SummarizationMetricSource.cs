using InteractionLab.Api.ConditionResults;
using InteractionLab.Domain.Metrics;
using static InteractionLab.Api.Tasks.Summarization.SummarizationEvents;

namespace InteractionLab.Api.Tasks.Summarization;

/// <summary>
/// Metrics of the summarization task from one query over the counted sessions' <c>summarization.</c> events: per
/// session, the mean edit distance from draft to submitted summary (characters, words, normalised), the mean
/// editing time (edit step shown → summary submitted), documents finished, and the share of "yes" for each
/// criterion, for the drafts and for the edited summaries.
/// </summary>
public sealed class SummarizationMetricSource : ISessionMetricSource
{
    /// <summary>Metric keys.</summary>
    public const string Documents = "summarization:documents", CharacterDistance = "summarization:edit-distance-characters",
        WordDistance = "summarization:edit-distance-words", NormalizedDistance = "summarization:edit-distance-normalized",
        EditingSeconds = "summarization:editing-seconds";

    private static readonly string[] Criteria = ["consistent", "coherent", "relevant"];

    /// <summary>Key of the share of "yes" for one criterion, for the drafts (<c>original</c>) or the edited summaries (<c>edited</c>).</summary>
    public static string Rating(string version, string criterion) => $"summarization:{version}-{criterion}";

    private static readonly ResultMetric[] Metrics =
    [
        new(Documents, "Documents summarised", "Documents", ResultKind.Mean),
        new(CharacterDistance, "Edit distance draft → edited (characters)", "Editing", ResultKind.Mean),
        new(WordDistance, "Edit distance draft → edited (words)", "Editing", ResultKind.Mean),
        new(NormalizedDistance, "Edit distance draft → edited (share of characters changed)", "Editing (normalised)", ResultKind.Proportion, 1),
        new(EditingSeconds, "Editing time per summary (seconds)", "Editing time", ResultKind.Mean),
        .. Criteria.SelectMany(c => new ResultMetric[]
        {
            new(Rating("original", c), $"Draft judged {c} (share)", "Summary ratings", ResultKind.Proportion, 1),
            new(Rating("edited", c), $"Edited summary judged {c} (share)", "Summary ratings", ResultKind.Proportion, 1),
        }),
    ];

    /// <inheritdoc />
    public async Task<SessionMetrics> ComputeAsync(ResultsScope scope, CancellationToken ct)
    {
        var versions = scope.Configs.Where(c => c.Value.Stages.Any(s => s.Task?.Type == SummarizationTask.TaskKey)).Select(c => c.Key).ToHashSet();
        if (versions.Count == 0) return new SessionMetrics([], []);
        var sessions = scope.Sessions.Where(s => versions.Contains(s.StudyVersionId)).ToList();
        var events = await TaskEventLog.ReadManyAsync(scope.Db, scope.Query, Prefix, ct);

        var values = new List<SessionMetricValue>(sessions.Count * Metrics.Length);
        foreach (var s in sessions)
        {
            void Add(string metric, double? value) => values.Add(new SessionMetricValue(s.Id.ToString(), s.Condition, metric, value ?? double.NaN));
            // A study may hold several summarization stages: each stage's events are read on their own.
            var stages = events.GetValueOrDefault(s.Id, []).GroupBy(e => e.Text("stage") ?? "")
                .Select(g => (Stage: g.Key, Progress: SummarizationProgress.From(g))).ToList();
            var documents = stages.SelectMany(x => x.Progress.Documents).ToList();
            var edits = documents.Where(d => d.Draft is not null && d.EditSubmittedAt is not null).Select(Edit).ToList();
            var measured = SummarizationMetrics.Compute(edits);

            Add(Documents, documents.Count(d => d.MovedOn));
            // Undefined (left out), not 0, for a session without a submitted summary.
            Add(CharacterDistance, measured.MeanCharacterDistance);
            Add(WordDistance, measured.Items.Count == 0 ? null : measured.Items.Average(m => m.WordDistance));
            Add(NormalizedDistance, measured.MeanNormalizedCharacterDistance);
            Add(EditingSeconds, measured.MeanEditingSeconds);
            foreach (var criterion in Criteria)
            {
                Add(Rating("original", criterion), Share(documents.Select(d => d.Original), criterion));
                Add(Rating("edited", criterion), Share(documents.Select(d => d.Edited), criterion));
            }
        }
        return new SessionMetrics(Metrics, values);
    }

    // The edit step begins right after the draft is rated; that moment stands in when edit-start was not recorded.
    private static SummaryEdit Edit(SummaryDocumentProgress d) => new(
        d.Document, d.Draft!, d.EditedText ?? "",
        (d.EditStartedAt ?? d.OriginalRatedAt ?? d.EditSubmittedAt!.Value).ToUnixTimeMilliseconds(),
        d.EditSubmittedAt!.Value.ToUnixTimeMilliseconds());

    private static double? Share(IEnumerable<RatingPayload?> ratings, string criterion)
    {
        var given = ratings.OfType<RatingPayload>().Select(r => criterion switch
        {
            "consistent" => r.Consistent,
            "coherent" => r.Coherent,
            _ => r.Relevant,
        }).ToList();
        return given.Count == 0 ? null : given.Count(yes => yes) / (double)given.Count;
    }
}
