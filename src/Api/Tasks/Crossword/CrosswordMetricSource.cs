using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Metrics;

namespace InteractionLab.Api.Tasks.Crossword;

/// <summary>
/// The crossword's metrics (HALIE): letter and clue accuracy of the final grid, rebuilt from the recorded events
/// exactly as the participant last saw it (revealed squares never count as found; the shares revealed are reported
/// beside them), whether the participant solved the puzzle themselves (no reveal), and the questions asked of the AI
/// teammate (by type; questions carry no type yet, so all count as unlabelled). One query reads the events of all
/// sessions; a session is measured on the crossword stages it reached (those with events). Several crossword
/// stages in one study are pooled: accuracies over all their squares and clues, questions summed.
/// </summary>
public sealed class CrosswordMetricSource(StimulusStore stimuli) : ISessionMetricSource
{
    /// <summary>Metric keys.</summary>
    public const string LetterAccuracy = "crossword:letter-accuracy", ClueAccuracy = "crossword:clue-accuracy",
        Solved = "crossword:solved", RevealedLetters = "crossword:revealed-letters", RevealedClues = "crossword:revealed-clues", Queries = "crossword:queries", QueriesOfTypePrefix = "crossword:queries/";

    private const string Group = "Crossword";

    /// <inheritdoc />
    public async Task<SessionMetrics> ComputeAsync(ResultsScope scope, CancellationToken ct)
    {
        var stages = scope.Configs.ToDictionary(c => c.Key,
            c => c.Value.Stages.Where(s => s.Task?.Type == CrosswordTask.TaskKey).ToList());
        if (stages.Values.All(s => s.Count == 0)) return new SessionMetrics([], []);

        var puzzles = new Dictionary<string, IReadOnlyList<CrosswordPuzzle>>(StringComparer.Ordinal);
        foreach (var key in stages.Values.SelectMany(s => s).Select(s => s.Task!.Stimuli).OfType<string>().Distinct())
            if (await stimuli.GetAsync(key, ct) is { } set) puzzles[key] = set.ItemsAs<CrosswordPuzzle>();

        var events = await TaskEventLog.ReadManyAsync(scope.Db, scope.Query, CrosswordEvents.Prefix, ct);
        var measured = new List<(ResultSession Session, CrosswordSessionMetrics Metrics, bool Solved)>();
        foreach (var session in scope.Sessions)
        {
            if (!events.TryGetValue(session.Id, out var own) || !stages.TryGetValue(session.StudyVersionId, out var crosswordStages)) continue;
            var parts = new List<(CrosswordSessionMetrics Metrics, bool Solved)>();
            foreach (var stage in crosswordStages)
            {
                var stageEvents = own.Where(e => e.Text("stage") == stage.Key).ToList();
                if (stageEvents.Count == 0 || stage.Task!.Stimuli is not { } key || !puzzles.TryGetValue(key, out var set) || set.Count == 0) continue;
                var index = stageEvents.FirstOrDefault(e => e.Type == CrosswordEvents.Start)?.As<CrosswordStartPayload>()?.Puzzle ?? 0;
                var puzzle = set[Math.Clamp(index, 0, set.Count - 1)];
                var grid = CrosswordGrid.Replay(puzzle, stageEvents);
                var queries = stageEvents.Where(e => e.Type == CrosswordEvents.Ask).Select(e => new CrosswordQuery(e.TimestampMs, "")).ToList();
                parts.Add((CrosswordMetrics.Compute(puzzle.Grid, grid.FinalRows(), puzzle.Slots, queries, grid.RevealedSquares), grid.SolvedByParticipant));
            }
            if (parts.Count == 0) continue;
            measured.Add((session, Pool(parts.Select(p => p.Metrics).ToList()), parts.All(p => p.Solved)));
        }

        var types = measured.SelectMany(m => m.Metrics.QueriesByType.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        List<ResultMetric> metrics =
        [
            new(LetterAccuracy, "Letters found in the final grid, revealed ones excluded (share)", Group, ResultKind.Proportion, 1),
            new(ClueAccuracy, "Answers fully found in the final grid, none revealed (share)", Group, ResultKind.Proportion, 1),
            new(Solved, "Puzzle solved by the participant, no reveal (share)", Group, ResultKind.Proportion, 1),
            new(RevealedLetters, "Letters revealed (share)", Group, ResultKind.Proportion, 1),
            new(RevealedClues, "Answers with a revealed square (share)", Group, ResultKind.Proportion, 1),
            new(Queries, "Questions to the AI teammate", "Crossword questions", ResultKind.Mean),
            .. types.Select(t => new ResultMetric(QueriesOfTypePrefix + t, $"Questions to the AI teammate: {t}", "Crossword questions", ResultKind.Mean)),
        ];
        var values = new List<SessionMetricValue>();
        foreach (var (session, m, solved) in measured)
        {
            void Add(string metric, double value) => values.Add(new SessionMetricValue(session.Id.ToString(), session.Condition, metric, value));
            Add(LetterAccuracy, m.LetterAccuracy);
            Add(ClueAccuracy, m.ClueAccuracy);
            Add(Solved, solved ? 1 : 0);
            Add(RevealedLetters, m.RevealedLetterShare);
            Add(RevealedClues, m.RevealedClueShare);
            Add(Queries, m.QueryCount);
            foreach (var type in types) Add(QueriesOfTypePrefix + type, m.QueriesByType.GetValueOrDefault(type));
        }
        return new SessionMetrics(metrics, values);
    }

    private static CrosswordSessionMetrics Pool(IReadOnlyList<CrosswordSessionMetrics> parts) => parts.Count == 1 ? parts[0] : new(
        parts.Sum(p => p.CorrectLetters), parts.Sum(p => p.TotalLetters),
        parts.SelectMany(p => p.CorrectClueIds).ToList(), parts.Sum(p => p.TotalClues), parts.Sum(p => p.QueryCount),
        parts.SelectMany(p => p.QueriesByType).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal),
        parts.Sum(p => p.RevealedLetters), parts.SelectMany(p => p.RevealedClueIds ?? []).ToList());
}
