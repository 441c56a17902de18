namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// A wiser-than hypothesis shown to participants: an LM-written first-person story of someone moving from one value
/// to another in a given context, to be judged "did this person become wiser?".
/// </summary>
/// <param name="Id">Stable id; impressions and "already seen" are tracked by it.</param>
/// <param name="FromValueId">The value the story starts from (A).</param>
/// <param name="ToValueId">The value the story moves to (B).</param>
/// <param name="Context">The context the values were grouped under, e.g. "When in distress".</param>
/// <param name="Story">The story text.</param>
public sealed record EdgeHypothesis(string Id, string FromValueId, string ToValueId, string Context, string Story);
