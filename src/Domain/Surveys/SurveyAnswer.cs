namespace InteractionLab.Domain.Surveys;

/// <summary>One answer to a survey item.</summary>
/// <param name="ItemKey">The item's key.</param>
/// <param name="Value">The answer as text (a number for Likert items, "true"/"false" for turn marks).</param>
/// <param name="TurnIndex">For turn marks: which model turn of the transcript is marked.</param>
public sealed record SurveyAnswer(string ItemKey, string Value, int? TurnIndex = null);
