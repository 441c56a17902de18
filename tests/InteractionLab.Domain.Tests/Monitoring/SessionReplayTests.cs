using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Monitoring;

namespace InteractionLab.Domain.Tests.Monitoring;

public sealed class SessionReplayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    /// <summary>A hand-made trace: consent, a message, a streamed reply, a tab switch, a survey answer, completion.</summary>
    private static SessionReplay Trace() => SessionReplay.From(
    [
        // Deliberately out of order: the replay sorts by time.
        new(At(5.2), ReplayEventKind.ReplyToken, "model.token", TurnIndex: 1, Text: " there"),
        new(At(0), ReplayEventKind.SessionStarted, "session.started"),
        new(At(1), ReplayEventKind.StageEntered, "stage.entered", Stage: "chat"),
        new(At(3), ReplayEventKind.ClientEvent, "text.insert"),
        new(At(4), ReplayEventKind.ParticipantMessage, "turn.participant", TurnIndex: 0, Text: "Hello", Stage: "chat"),
        new(At(4), ReplayEventKind.ReplyRequested, "model.request-sent", TurnIndex: 1),
        new(At(5), ReplayEventKind.ReplyToken, "model.token", TurnIndex: 1, Text: "Hi"),
        new(At(6), ReplayEventKind.PageHidden, "window.blur"),
        new(At(7), ReplayEventKind.ReplyFinished, "model.finish", TurnIndex: 1, Detail: "stop"),
        new(At(8), ReplayEventKind.PageShown, "window.focus"),
        new(At(9), ReplayEventKind.SurveyAnswer, "survey.answer", Text: "4", Stage: "rating", Detail: "fluency"),
        new(At(10), ReplayEventKind.SessionCompleted, "session.completed", Stage: "debrief"),
    ]);

    [Fact]
    public void EventsAreOrderedByTimeKeepingTheGivenOrderForTies()
    {
        var replay = Trace();

        Assert.Equal(12, replay.Events.Count);
        Assert.Equal(T0, replay.Start);
        Assert.Equal(TimeSpan.FromSeconds(10), replay.Duration);
        var four = replay.Events.Where(e => e.At == At(4)).Select(e => e.Kind).ToList();
        Assert.Equal([ReplayEventKind.ParticipantMessage, ReplayEventKind.ReplyRequested], four);
    }

    [Fact]
    public void MidStreamTheReplyHoldsOnlyTheTokensArrivedSoFar()
    {
        var state = Trace().StateAt(At(5.1));

        Assert.Equal("chat", state.Stage);
        Assert.Collection(state.Messages,
            m => Assert.Equal(new ReplayMessage(0, TurnRole.Participant, "Hello", false), m),
            m => Assert.Equal(new ReplayMessage(1, TurnRole.Model, "Hi", true), m));
        Assert.True(state.PageVisible);
        Assert.False(state.Completed);
    }

    [Fact]
    public void AfterTheFinishTheReplyIsWholeAndNoLongerStreaming()
    {
        var state = Trace().StateAt(At(7));

        var reply = state.Messages.Single(m => m.Role == TurnRole.Model);
        Assert.Equal("Hi there", reply.Text);
        Assert.False(reply.Streaming);
        Assert.Equal("stop", reply.FinishReason);
        Assert.False(state.PageVisible); // blurred at 6, focused again only at 8
    }

    [Fact]
    public void TheEndStateHasAnswersStageAndCompletion()
    {
        var replay = Trace();
        var end = replay.StateAfter(replay.Events.Count);

        Assert.Equal("debrief", end.Stage);
        Assert.True(end.Completed);
        Assert.True(end.PageVisible);
        Assert.Equal("4", end.Answers["rating/fluency"]);
        var later = replay.StateAt(At(60));
        Assert.Equal(end.EventsApplied, later.EventsApplied);
        Assert.Equal(end.Messages, later.Messages);
    }

    [Fact]
    public void BeforeTheFirstEventNothingHasHappened()
    {
        var state = Trace().StateAt(At(-1));

        Assert.Equal(0, state.EventsApplied);
        Assert.Null(state.Stage);
        Assert.Empty(state.Messages);
        Assert.Empty(state.Answers);
    }

    [Fact]
    public void AnEmptyTimelineHasNoStartAndAnEmptyState()
    {
        var replay = SessionReplay.From([]);

        Assert.Null(replay.Start);
        Assert.Equal(TimeSpan.Zero, replay.Duration);
        Assert.Empty(replay.StateAfter(5).Messages);
    }
}
