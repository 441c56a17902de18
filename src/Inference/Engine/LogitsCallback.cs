namespace InteractionLab.Inference.Engine;

/// <summary>Receives one row of logits; the span is only valid during the call.</summary>
internal delegate void LogitsCallback(ReadOnlySpan<float> row);
