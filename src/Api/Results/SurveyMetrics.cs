using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.ConditionResults;

/// <summary>
/// Every survey item as per-session values, read with three queries (answers, turn marks counted per session,
/// model turns per session): Likert and slider items use the scored (reverse-coded) value as the exports do;
/// yes/no is the share of yes; a multiple-choice item gives one count row per option; free text only counts
/// answers; a turn-mark item is the share of the session's model replies marked. Timed-out answers are missing,
/// attention checks are left out (they test reading, not the conditions).
/// </summary>
public sealed class SurveyMetrics : ISessionMetricSource
{
    private sealed record ItemRow(Guid Version, StageConfig Stage, int StageIndex, SurveyItem Item);

    /// <summary>The metric key of a survey item (<c>survey:stage/item</c>).</summary>
    public static string Key(string stage, string item) => $"survey:{stage}/{item}";

    /// <summary>The metric key of one option of a multiple-choice item.</summary>
    public static string OptionKey(string stage, string item, string option) => $"{Key(stage, item)}={option}";

    /// <inheritdoc />
    public async Task<SessionMetrics> ComputeAsync(ResultsScope scope, CancellationToken ct)
    {
        var items = new Dictionary<(Guid, string, string), ItemRow>();
        foreach (var (version, config) in scope.Configs)
            for (var i = 0; i < config.Stages.Count; i++)
                foreach (var item in config.Stages[i].Survey?.Items ?? [])
                    if (item.AttentionCheck is null)
                        items[(version, config.Stages[i].Key, item.Key)] = new ItemRow(version, config.Stages[i], i, item);
        if (items.Count == 0) return new SessionMetrics([], []);

        var responses = scope.Db.SurveyResponses.AsNoTracking().Join(scope.Query, r => r.SessionId, s => s.Id, (r, s) => r);
        var answers = await responses.Where(r => r.TurnIndex == null && !r.TimedOut)
            .Select(r => new { r.SessionId, r.StageKey, r.ItemKey, r.Value }).ToListAsync(ct);
        // Only ticked marks are counted: a session or item without any reads as 0 below, so unticked rows need not travel.
        var marks = await responses.Where(r => r.TurnIndex != null && r.Value == "true")
            .GroupBy(r => new { r.SessionId, r.StageKey, r.ItemKey })
            .Select(g => new { g.Key.SessionId, g.Key.StageKey, g.Key.ItemKey, Yes = g.Count() })
            .ToListAsync(ct);
        var hasMarks = items.Values.Any(i => i.Item.Kind == SurveyItemKind.TurnMark);
        var modelTurns = hasMarks
            ? await scope.Db.Turns.AsNoTracking().Where(t => t.Role == TurnRole.Model)
                .Join(scope.Query, t => t.SessionId, s => s.Id, (t, s) => t)
                .GroupBy(t => t.SessionId).Select(g => new { SessionId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.SessionId, x => x.Count, ct)
            : [];

        var sessions = scope.Sessions.ToDictionary(s => s.Id);
        var values = new List<SessionMetricValue>(answers.Count + marks.Count);
        void Add(ResultSession s, string metric, double value) => values.Add(new SessionMetricValue(s.Id.ToString(), s.Condition, metric, value));

        foreach (var a in answers)
        {
            if (!sessions.TryGetValue(a.SessionId, out var s) || !items.TryGetValue((s.StudyVersionId, a.StageKey, a.ItemKey), out var row)) continue;
            var item = row.Item;
            var key = Key(a.StageKey, a.ItemKey);
            switch (item.Kind)
            {
                case SurveyItemKind.Likert or SurveyItemKind.Slider when SurveyScoring.Scored(item, a.Value) is { } scored:
                    Add(s, key, scored);
                    break;
                case SurveyItemKind.YesNo when a.Value is "yes" or "no":
                    Add(s, key, a.Value == "yes" ? 1 : 0);
                    break;
                case SurveyItemKind.MultipleChoice:
                    foreach (var option in item.Options ?? [])
                        Add(s, OptionKey(a.StageKey, a.ItemKey, option), option == a.Value ? 1 : 0);
                    break;
                case SurveyItemKind.FreeText:
                    Add(s, key, string.IsNullOrWhiteSpace(a.Value) ? 0 : 1);
                    break;
            }
        }

        // Turn marks: every session past the stage counts, also one that ticked nothing (no rows saved = share 0).
        var yes = marks.ToDictionary(m => (m.SessionId, m.StageKey, m.ItemKey), m => m.Yes);
        foreach (var s in scope.Sessions)
            foreach (var row in items.Values.Where(i => i.Version == s.StudyVersionId && i.Item.Kind == SurveyItemKind.TurnMark))
            {
                var passed = s.Status == SessionStatus.Completed || s.StageIndex > row.StageIndex;
                if (!passed || modelTurns.GetValueOrDefault(s.Id) is not (> 0 and var replies)) continue;
                Add(s, Key(row.Stage.Key, row.Item.Key), (double)yes.GetValueOrDefault((s.Id, row.Stage.Key, row.Item.Key)) / replies);
            }

        return new SessionMetrics(MetricsOf(items.Values), values);
    }

    // Rows in stage and item order of the newest config that has them (configs come newest first), each key once.
    private static List<ResultMetric> MetricsOf(IEnumerable<ItemRow> items)
    {
        var metrics = new List<ResultMetric>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in items)
        {
            var (stage, item) = (row.Stage, row.Item);
            var key = Key(stage.Key, item.Key);
            var title = stage.Title;
            IEnumerable<ResultMetric> rows = item.Kind switch
            {
                SurveyItemKind.Likert => [new(key, item.Prompt + (item.ReverseCoded ? " (reverse-coded)" : ""), $"Ratings ({item.Min}–{item.Max}): {title}", ResultKind.Mean, item.Max)],
                SurveyItemKind.Slider => [new(key, item.Prompt + (item.ReverseCoded ? " (reverse-coded)" : ""), $"Sliders ({item.Min}–{item.Max}): {title}", ResultKind.Mean, item.Max)],
                SurveyItemKind.YesNo => [new(key, item.Prompt + " (share yes)", $"Yes/no: {title}", ResultKind.Proportion, 1)],
                SurveyItemKind.TurnMark => [new(key, item.Prompt + " (share of replies)", $"Turn marks: {title}", ResultKind.Proportion, 1)],
                SurveyItemKind.MultipleChoice => (item.Options ?? []).Select(o =>
                    new ResultMetric(OptionKey(stage.Key, item.Key, o), $"{item.Prompt}: {o}", $"Choice: {item.Prompt}", ResultKind.Count)),
                SurveyItemKind.FreeText => [new(key, item.Prompt + " (answered)", "Free text", ResultKind.Count)],
                _ => [],
            };
            foreach (var m in rows)
                if (seen.Add(m.Key)) metrics.Add(m);
        }
        return metrics;
    }
}
