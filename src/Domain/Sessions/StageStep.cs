namespace InteractionLab.Domain.Sessions;

/// <summary>The stage a session moves to and whether reaching it completes the session (<see cref="StageRules.Next"/>).</summary>
/// <param name="Index">Index of the next stage.</param>
/// <param name="CompletesSession">The next stage is the debrief or the last stage.</param>
public sealed record StageStep(int Index, bool CompletesSession);
