namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// A participant's value as a card: what they pay attention to when choosing well, written so another person
/// (or an LM) could follow it. Drafted by the interviewer from the transcript and checked by <see cref="ValuesCardRules"/>.
/// </summary>
/// <param name="Title">Short name of the value (3–6 words).</param>
/// <param name="Description">What the value is about, in 1–3 sentences.</param>
/// <param name="AttentionalPolicies">3–7 lines, each naming what the chooser attends to, e.g. "MOMENTS when a friend needs space".</param>
public sealed record ValuesCard(string Title, string Description, IReadOnlyList<string> AttentionalPolicies);
