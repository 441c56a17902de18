namespace InteractionLab.Api.Sessions;

/// <summary>The current stage's timing as the server sees it (server time is authoritative).</summary>
/// <param name="UntilNext">How long until the participant may go on (zero when allowed now); null without a minimum.</param>
/// <param name="Remaining">Time left before the stage ends by itself; null without a limit.</param>
public sealed record StageClock(TimeSpan? UntilNext, TimeSpan? Remaining);
