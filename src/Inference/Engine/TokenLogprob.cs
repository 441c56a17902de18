namespace InteractionLab.Inference.Engine;

/// <summary>Log-probability of a chosen token under the model, with the most likely alternatives.</summary>
internal sealed record TokenLogprob(string Token, float Logprob, byte[] Bytes, IReadOnlyList<(string Token, float Logprob, byte[] Bytes)> Top);
