using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks.QuestionAnswering;

/// <summary>
/// HALIE's question-answering measures per session — accuracy with and without the assistant, seconds per
/// question, queries per assisted question, attention check passed — from the stored <c>qa.</c> events of every
/// session in one query, worked out by the Domain's <see cref="QuestionAnsweringMetrics"/>. Right answers come
/// from each stage's stimulus set; whether a question had the assistant comes from its <c>qa.shown</c> event (what
/// the participant actually got, replayed by <see cref="QaProgress"/>).
/// </summary>
public sealed class QuestionAnsweringMetricSource(StimulusStore stimuli) : ISessionMetricSource
{
    /// <summary>Metric keys.</summary>
    public const string AccuracyWithLm = "qa:accuracy-with-lm", AccuracyWithoutLm = "qa:accuracy-without-lm",
        SecondsPerQuestion = "qa:seconds-per-question", QueriesPerAssistedQuestion = "qa:queries-per-assisted-question",
        AttentionCheckPassed = "qa:attention-check-passed";

    private static readonly ResultMetric[] Metrics =
    [
        new(AccuracyWithLm, "Accuracy with the assistant (share correct)", "Question answering accuracy", ResultKind.Proportion, 1),
        new(AccuracyWithoutLm, "Accuracy without the assistant (share correct)", "Question answering accuracy", ResultKind.Proportion, 1),
        new(SecondsPerQuestion, "Time per question (seconds)", "Question answering time", ResultKind.Mean),
        new(QueriesPerAssistedQuestion, "Queries per assisted question", "Question answering queries", ResultKind.Mean),
        new(AttentionCheckPassed, "Attention check passed (share)", "Question answering attention check", ResultKind.Proportion, 1),
    ];

    /// <inheritdoc />
    public async Task<SessionMetrics> ComputeAsync(ResultsScope scope, CancellationToken ct)
    {
        var stages = scope.Configs.ToDictionary(c => c.Key,
            c => c.Value.Stages.Where(s => s.Task?.Type == QuestionAnsweringTask.TaskKey).ToList());
        if (stages.Values.All(s => s.Count == 0)) return new SessionMetrics([], []);

        var answers = new Dictionary<string, IReadOnlyList<QaItem>>(StringComparer.Ordinal);
        foreach (var key in stages.Values.SelectMany(s => s).Select(s => s.Task!.Stimuli).OfType<string>().Distinct())
            answers[key] = (await stimuli.GetAsync(key, ct))?.ItemsAs<QaItem>() ?? [];

        var events = await TaskEventLog.ReadManyAsync(scope.Db, scope.Query, QuestionAnsweringTask.EventPrefix, ct);
        var values = new List<SessionMetricValue>();
        foreach (var session in scope.Sessions)
        {
            if (stages.GetValueOrDefault(session.StudyVersionId) is not { Count: > 0 } own) continue;
            var metrics = Compute(own, answers, events.GetValueOrDefault(session.Id) ?? []);
            void Add(string metric, double? value) =>
                values.Add(new SessionMetricValue(session.Id.ToString(), session.Condition, metric, value ?? double.NaN));
            // Undefined (NaN, left out of the means) where a session has nothing to measure, e.g. no assisted answer yet.
            Add(AccuracyWithLm, metrics.AccuracyWithLm);
            Add(AccuracyWithoutLm, metrics.AccuracyWithoutLm);
            Add(SecondsPerQuestion, metrics.MeanSecondsPerQuestion);
            Add(QueriesPerAssistedQuestion, metrics.MeanQueriesPerAssistedQuestion);
            Add(AttentionCheckPassed, metrics.AttentionCheckPassed is { } passed ? passed ? 1 : 0 : null);
        }
        return new SessionMetrics(Metrics, values);
    }

    /// <summary>
    /// One session's metrics over its question-answering stages. Questions are keyed <c>stage/item</c> so that two
    /// stages drawing on the same set stay apart.
    /// </summary>
    public static QaSessionMetrics Compute(IReadOnlyList<StageConfig> stages, IReadOnlyDictionary<string, IReadOnlyList<QaItem>> sets,
        IReadOnlyList<TaskEventRecord> events)
    {
        var questions = new List<QaQuestion>();
        var mapped = new List<QaEvent>();
        foreach (var stage in stages)
        {
            var own = events.Where(e => e.Text("stage") == stage.Key).ToList();
            var items = (stage.Task!.Stimuli is { } key ? sets.GetValueOrDefault(key) : null) ?? [];
            // Assisted or not as the participant's page had it: the progress replayed from the stage's events.
            var progress = QaProgress.Replay(own);
            string Id(string item) => $"{stage.Key}/{item}";
            questions.AddRange(items.Select(i => new QaQuestion(Id(i.Id), i.Answer, progress.Assisted(i.Id), i.AttentionCheck)));
            foreach (var e in own)
            {
                if (e.Text("item") is not { } item) continue;
                QaEventKind? kind = e.Type switch
                {
                    QuestionAnsweringTask.Shown => QaEventKind.Shown,
                    QuestionAnsweringTask.Query => QaEventKind.Query,
                    QuestionAnsweringTask.Answer => QaEventKind.Answer,
                    QuestionAnsweringTask.Next => QaEventKind.Next,
                    _ => null,
                };
                if (kind is { } k) mapped.Add(new QaEvent(e.TimestampMs, k, Id(item), k == QaEventKind.Answer ? e.Text("choice") : null));
            }
        }
        return QuestionAnsweringMetrics.Compute(questions, mapped);
    }
}
