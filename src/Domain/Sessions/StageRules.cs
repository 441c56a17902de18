using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Sessions;

/// <summary>
/// The pure rules of a participant's way through a study's stages: where a session starts, which stage comes
/// next and whether reaching it ends the session, whether a stage may be ended now (its minimum time, its time
/// limit), the clock a stage shows and the order of its questions. The services that move sessions (consent, stage
/// completion, surveys, simulated participants) apply these rules to their stored sessions; the clock is always
/// the server's, never the participant's.
/// </summary>
public static class StageRules
{
    /// <summary>
    /// How early a timed-out completion is still accepted: browsers' timers drift and requests take time.
    /// </summary>
    public static readonly TimeSpan TimeLimitGrace = TimeSpan.FromSeconds(2);

    /// <summary>Index of the stage <paramref name="stageKey"/>, or null when the study has no such stage.</summary>
    public static int? IndexOf(StudyConfig config, string stageKey)
    {
        for (var i = 0; i < config.Stages.Count; i++)
            if (config.Stages[i].Key == stageKey) return i;
        return null;
    }

    /// <summary>The stage a new session starts on: the first after the consent stages (consent is given on the landing page).</summary>
    public static int FirstAfterConsent(StudyConfig config)
    {
        var i = 0;
        while (i < config.Stages.Count - 1 && config.Stages[i].Kind == StageKind.Consent) i++;
        return i;
    }

    /// <summary>
    /// The stage after <paramref name="stageIndex"/> (the last stays the last), and whether reaching it completes
    /// the session: the debrief or the end of the study.
    /// </summary>
    public static StageStep Next(StudyConfig config, int stageIndex)
    {
        var next = Math.Min(stageIndex + 1, config.Stages.Count - 1);
        return new StageStep(next, config.Stages[next].Kind == StageKind.Debrief || next == config.Stages.Count - 1);
    }

    /// <summary>
    /// Where a request to end stage <paramref name="stageIndex"/> stands for a session on <paramref name="currentIndex"/>:
    /// a stage already passed (or a session already finished) makes it a no-op, a stage ahead is not reached yet.
    /// </summary>
    public static StageEnding Ending(SessionStatus status, int currentIndex, int stageIndex) =>
        status is SessionStatus.Completed or SessionStatus.ScreenedOut || stageIndex < currentIndex ? StageEnding.AlreadyPassed
        : stageIndex > currentIndex ? StageEnding.NotReached
        : StageEnding.Current;

    /// <summary>
    /// Why the stage cannot end after <paramref name="elapsed"/> on it, or null when it can. A timed-out ending needs a
    /// time limit that has passed (within <see cref="TimeLimitGrace"/>); any other ending needs the minimum time, which
    /// simulated participants skip (they pilot the flow, not the clock).
    /// </summary>
    public static string? TimingProblem(StageConfig stage, TimeSpan elapsed, bool timedOut, bool simulated)
    {
        if (timedOut)
        {
            if (stage.TimeLimitSeconds is not { } limit)
                return $"Stage '{stage.Key}' has no time limit, so it cannot time out.";
            return elapsed + TimeLimitGrace < TimeSpan.FromSeconds(limit)
                ? $"The time for '{stage.Title}' is not up yet ({Seconds(TimeSpan.FromSeconds(limit) - elapsed)} left)."
                : null;
        }
        return stage.MinSeconds > 0 && !simulated && elapsed < TimeSpan.FromSeconds(stage.MinSeconds)
            ? $"Please spend at least {stage.MinSeconds} seconds on '{stage.Title}' before going on ({Seconds(TimeSpan.FromSeconds(stage.MinSeconds) - elapsed)} left)."
            : null;
    }

    /// <summary>Whether the stage has a clock to show: a minimum time or a time limit.</summary>
    public static bool IsTimed(StageConfig stage) => stage.MinSeconds > 0 || stage.TimeLimitSeconds is not null;

    /// <summary>How long until the participant may go on (zero when allowed now); null without a minimum.</summary>
    public static TimeSpan? UntilNext(StageConfig stage, TimeSpan elapsed) =>
        stage.MinSeconds > 0 ? NotNegative(TimeSpan.FromSeconds(stage.MinSeconds) - elapsed) : null;

    /// <summary>Time left before the stage ends by itself (zero once up); null without a limit.</summary>
    public static TimeSpan? Remaining(StageConfig stage, TimeSpan elapsed) =>
        stage.TimeLimitSeconds is { } limit ? NotNegative(TimeSpan.FromSeconds(limit) - elapsed) : null;

    /// <summary>
    /// The stage with its survey questions in the order participant number <paramref name="conditionOrdinal"/> of
    /// their condition, in session <paramref name="sessionId"/>, sees them (<see cref="ItemOrdering"/>).
    /// </summary>
    public static StageConfig Ordered(StageConfig stage, int conditionOrdinal, Guid sessionId)
    {
        if (stage.Survey is not { } survey || stage.ItemOrder == ItemOrder.Fixed) return stage;
        var order = ItemOrdering.For(stage.ItemOrder, survey.Items.Count, conditionOrdinal, ItemOrdering.SeedOf(sessionId));
        return stage with { Survey = survey with { Items = ItemOrdering.Apply(survey.Items, order) } };
    }

    private static TimeSpan NotNegative(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;

    private static string Seconds(TimeSpan t) => $"{Math.Max(1, (int)Math.Ceiling(t.TotalSeconds))} s";
}
