using InteractionLab.Domain.Dialogue;

namespace InteractionLab.Domain.Monitoring;

/// <summary>
/// A session's timeline folded into states: what had been sent, streamed and answered at any moment. The events
/// are ordered by time once (ties keep the order given, so a request precedes its first token), and a state is
/// rebuilt by replaying the prefix up to the moment, which keeps the fold obviously right rather than clever.
/// </summary>
public sealed class SessionReplay
{
    private SessionReplay(IReadOnlyList<ReplayEvent> events) => Events = events;

    /// <summary>The timeline in time order.</summary>
    public IReadOnlyList<ReplayEvent> Events { get; }

    /// <summary>Time of the first event (null for an empty timeline).</summary>
    public DateTimeOffset? Start => Events.Count == 0 ? null : Events[0].At;

    /// <summary>Time of the last event (null for an empty timeline).</summary>
    public DateTimeOffset? End => Events.Count == 0 ? null : Events[^1].At;

    /// <summary>Span from the first to the last event.</summary>
    public TimeSpan Duration => Start is { } s && End is { } e ? e - s : TimeSpan.Zero;

    /// <summary>Orders <paramref name="events"/> by time (stable) into a replay.</summary>
    public static SessionReplay From(IEnumerable<ReplayEvent> events) =>
        new(events.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e).ToList());

    /// <summary>The state after every event at or before <paramref name="at"/>.</summary>
    public ReplayState StateAt(DateTimeOffset at)
    {
        var count = 0;
        while (count < Events.Count && Events[count].At <= at) count++;
        return Fold(count, at);
    }

    /// <summary>The state after the first <paramref name="count"/> events (clamped to the timeline).</summary>
    public ReplayState StateAfter(int count)
    {
        count = Math.Clamp(count, 0, Events.Count);
        var at = count == 0 ? Start ?? DateTimeOffset.MinValue : Events[count - 1].At;
        return Fold(count, at);
    }

    private ReplayState Fold(int count, DateTimeOffset at)
    {
        string? stage = null;
        var visible = true;
        var completed = false;
        var messages = new SortedDictionary<int, ReplayMessage>();
        var answers = new Dictionary<string, string>();
        for (var i = 0; i < count; i++)
        {
            var e = Events[i];
            if (e.Stage is not null && e.Kind is ReplayEventKind.StageEntered or ReplayEventKind.SurveyAnswer or ReplayEventKind.ParticipantMessage
                or ReplayEventKind.ServerEvent)
                stage = e.Stage;
            switch (e.Kind)
            {
                case ReplayEventKind.ParticipantMessage when e.TurnIndex is { } turn:
                    messages[turn] = new ReplayMessage(turn, TurnRole.Participant, e.Text ?? "", Streaming: false);
                    break;
                case ReplayEventKind.ReplyRequested when e.TurnIndex is { } turn:
                    messages[turn] = new ReplayMessage(turn, TurnRole.Model, "", Streaming: true);
                    break;
                case ReplayEventKind.ReplyToken when e.TurnIndex is { } turn:
                    var sofar = messages.GetValueOrDefault(turn) ?? new ReplayMessage(turn, TurnRole.Model, "", Streaming: true);
                    messages[turn] = sofar with { Text = sofar.Text + e.Text };
                    break;
                case ReplayEventKind.ReplyFinished when e.TurnIndex is { } turn:
                    var done = messages.GetValueOrDefault(turn) ?? new ReplayMessage(turn, TurnRole.Model, "", Streaming: false);
                    messages[turn] = done with { Streaming = false, FinishReason = e.Detail };
                    break;
                case ReplayEventKind.SurveyAnswer:
                    answers[$"{e.Stage}/{e.Detail}"] = e.Text ?? "";
                    break;
                case ReplayEventKind.PageHidden:
                    visible = false;
                    break;
                case ReplayEventKind.PageShown:
                    visible = true;
                    break;
                case ReplayEventKind.SessionCompleted:
                    completed = true;
                    if (e.Stage is not null) stage = e.Stage;
                    break;
            }
        }
        return new ReplayState(at, count, stage, messages.Values.ToList(), answers, visible, completed);
    }
}
