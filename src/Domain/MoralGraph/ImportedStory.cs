namespace InteractionLab.Domain.MoralGraph;

/// <summary>A wiser-than story from the original platform (a row of its <c>EdgeHypothesis</c> table, or an <c>Edge</c>'s story).</summary>
/// <param name="QuestionId">The question it was shown under (as for its votes).</param>
/// <param name="FromValueId">The value the story starts from.</param>
/// <param name="ToValueId">The value it moves to.</param>
/// <param name="Context">Its context id on the original platform, e.g. "When in distress".</param>
/// <param name="Story">The text participants read.</param>
/// <param name="CreatedAt">When it was generated on the original platform.</param>
/// <param name="RunId">The generation run (<c>hypothesisRunId</c>, or <c>runId</c> in the older schema), if given.</param>
/// <param name="Archived">True when the original platform had archived it (no longer shown).</param>
public sealed record ImportedStory(
    string QuestionId,
    string FromValueId,
    string ToValueId,
    string Context,
    string Story,
    DateTimeOffset CreatedAt,
    string? RunId,
    bool Archived);
