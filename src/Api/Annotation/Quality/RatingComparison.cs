using InteractionLab.Api.ConditionResults;

namespace InteractionLab.Api.Annotation.Quality;

/// <summary>First- and third-party ratings side by side (<see cref="FirstThirdPartyComparison"/>).</summary>
/// <param name="Conditions">Condition keys, in the results table's order.</param>
/// <param name="Questions">One entry per question rated by the participant and by third parties (empty: nothing to compare).</param>
public sealed record RatingComparison(IReadOnlyList<string> Conditions, IReadOnlyList<ComparedQuestion> Questions);

/// <summary>One question compared.</summary>
/// <param name="Key">Question key, shared by the participant's item and the raters' question.</param>
/// <param name="Prompt">The raters' question text.</param>
/// <param name="IsShare">Yes/no answers: the means are shares of yes.</param>
/// <param name="ScaleMax">Top of the answer scale (1 for shares).</param>
/// <param name="Cells">Per condition.</param>
/// <param name="Agreement">Alpha between the participant's rating and the annotators' aggregate, over units both rated.</param>
public sealed record ComparedQuestion(string Key, string Prompt, bool IsShare, double ScaleMax, IReadOnlyList<ComparedCondition> Cells, AlphaView Agreement);

/// <summary>Each source's mean ± SE over one condition's units (n = units).</summary>
/// <param name="Condition">Condition key.</param>
/// <param name="Participant">The participants' own ratings, over units annotators rated too.</param>
/// <param name="Annotators">The annotators' per-unit mean.</param>
/// <param name="Judges">The LM judges' per-unit mean.</param>
public sealed record ComparedCondition(string Condition, ResultCell Participant, ResultCell Annotators, ResultCell Judges);
