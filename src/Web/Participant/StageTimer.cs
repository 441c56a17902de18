namespace InteractionLab.Web.Participant;

/// <summary>The current stage's timing as the server counted it when the snapshot was taken.</summary>
/// <param name="UntilNext">Time until the participant may go on (zero: now); null when the stage has no minimum.</param>
/// <param name="Remaining">Time before the stage ends by itself; null when it has no limit.</param>
public sealed record StageTimer(TimeSpan? UntilNext, TimeSpan? Remaining);
