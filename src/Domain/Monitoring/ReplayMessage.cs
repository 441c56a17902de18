using InteractionLab.Domain.Dialogue;

namespace InteractionLab.Domain.Monitoring;

/// <summary>A dialogue message as it stood at a moment of the replay.</summary>
/// <param name="TurnIndex">Turn index within the session.</param>
/// <param name="Role">Participant or model.</param>
/// <param name="Text">Text so far (a streaming reply grows token by token).</param>
/// <param name="Streaming">True while the model's reply is still arriving.</param>
/// <param name="FinishReason">Why the reply ended, once it has.</param>
public sealed record ReplayMessage(int TurnIndex, TurnRole Role, string Text, bool Streaming, string? FinishReason = null);
