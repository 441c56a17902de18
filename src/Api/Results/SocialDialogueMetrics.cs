using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Metrics;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.ConditionResults;

/// <summary>
/// Metrics of the social-dialogue task (HALIE's dialogue measures), from one grouped query over the counted
/// sessions' turns: participant turns, mean participant message length, model latencies, the share of replies
/// the participant stopped, plus the session duration. Turn marks are read by <see cref="SurveyMetrics"/>.
/// </summary>
public sealed class SocialDialogueMetrics : ISessionMetricSource
{
    /// <summary>The task type this source measures.</summary>
    public const string TaskType = "social-dialogue";

    /// <summary>Metric keys.</summary>
    public const string ParticipantTurns = "dialogue:participant-turns", MessageLength = "dialogue:message-length",
        FirstTokenMs = "dialogue:first-token-ms", TotalMs = "dialogue:total-ms", StoppedRate = "dialogue:stopped-rate",
        DurationMinutes = "session:duration-minutes";

    private static readonly ResultMetric[] Metrics =
    [
        new(ParticipantTurns, "Participant turns", "Conversation", ResultKind.Mean),
        new(MessageLength, "Participant message length (characters)", "Conversation", ResultKind.Mean),
        new(DurationMinutes, "Session duration (minutes)", "Duration", ResultKind.Mean),
        new(FirstTokenMs, "Reply first-token latency (ms)", "Reply latency", ResultKind.Mean),
        new(TotalMs, "Reply total latency (ms)", "Reply latency", ResultKind.Mean),
        new(StoppedRate, "Replies stopped by the participant (share)", "Replies stopped", ResultKind.Proportion, 1),
    ];

    /// <inheritdoc />
    public async Task<SessionMetrics> ComputeAsync(ResultsScope scope, CancellationToken ct)
    {
        var versions = scope.Configs.Where(c => c.Value.Stages.Any(s => s.Task?.Type == TaskType)).Select(c => c.Key).ToHashSet();
        if (versions.Count == 0) return new SessionMetrics([], []);
        var sessions = scope.Sessions.Where(s => versions.Contains(s.StudyVersionId)).ToList();
        // Only the dialogue's own turns: other task stages of the same study ask the model too.
        var stageKeys = scope.Configs.Values.SelectMany(c => c.Stages).Where(s => s.Task?.Type == TaskType).Select(s => s.Key).Distinct().ToList();

        // One grouped pass over the turns; averages of nullable CASE expressions skip the other role's rows.
        var perSession = await scope.Db.Turns.AsNoTracking()
            .Where(t => t.StageKey == null || stageKeys.Contains(t.StageKey))
            .Join(scope.Query, t => t.SessionId, s => s.Id, (t, s) => t)
            .GroupBy(t => t.SessionId)
            .Select(g => new
            {
                SessionId = g.Key,
                Participant = g.Count(t => t.Role == TurnRole.Participant),
                Characters = g.Sum(t => t.Role == TurnRole.Participant ? t.Text.Length : 0),
                Model = g.Count(t => t.Role == TurnRole.Model),
                Stopped = g.Count(t => t.Role == TurnRole.Model && t.StoppedByParticipant),
                FirstToken = g.Average(t => t.Role == TurnRole.Model ? t.FirstTokenMs : null),
                Total = g.Average(t => t.Role == TurnRole.Model ? t.TotalMs : null),
            })
            .ToDictionaryAsync(x => x.SessionId, ct);

        var values = new List<SessionMetricValue>(sessions.Count * Metrics.Length);
        foreach (var s in sessions)
        {
            void Add(string metric, double? value) => values.Add(new SessionMetricValue(s.Id.ToString(), s.Condition, metric, value ?? double.NaN));
            var turns = perSession.GetValueOrDefault(s.Id);
            Add(ParticipantTurns, turns?.Participant ?? 0);
            // Undefined (left out) rather than 0 where there is nothing to average: no messages, no replies.
            Add(MessageLength, turns is { Participant: > 0 } ? (double)turns.Characters / turns.Participant : null);
            Add(FirstTokenMs, turns?.FirstToken);
            Add(TotalMs, turns?.Total);
            Add(StoppedRate, turns is { Model: > 0 } ? (double)turns.Stopped / turns.Model : null);
            // An unfinished session is measured up to its last activity.
            Add(DurationMinutes, ((s.CompletedAt ?? s.LastSeenAt) - s.StartedAt).TotalMinutes);
        }
        return new SessionMetrics(Metrics, values);
    }
}
