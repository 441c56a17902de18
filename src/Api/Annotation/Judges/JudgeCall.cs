namespace InteractionLab.Api.Annotation.Judges;

/// <summary>What an LM judge was asked about one item, recorded on its assignment: the two messages, the seed and the temperature.</summary>
/// <param name="System">The system message (the project's guidelines and form in <c>JudgePrompt.Template</c>).</param>
/// <param name="User">The item as text.</param>
/// <param name="Seed">Seed sent with the call.</param>
/// <param name="Temperature">Sampling temperature sent with the call.</param>
public sealed record JudgeCall(string System, string User, int Seed, float Temperature);
