namespace InteractionLab.Domain.MoralGraph;

/// <summary>One thing to fix on a values card, phrased so a participant or the interviewer LM can act on it.</summary>
/// <param name="Field">Which part of the card: <c>title</c>, <c>description</c>, <c>attentionalPolicies</c> or <c>attentionalPolicies[i]</c> (0-based).</param>
/// <param name="Message">What is wrong and how to fix it, in plain words.</param>
public sealed record CardProblem(string Field, string Message);
