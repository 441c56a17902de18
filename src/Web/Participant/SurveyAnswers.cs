namespace InteractionLab.Web.Participant;

/// <summary>Answers of one survey stage.</summary>
/// <param name="Values">Likert and free-text answers by item key (Likert values as invariant integers).</param>
/// <param name="TurnMarks">Turn-mark items ticked, per model turn index; an unticked mark is an explicit "no".</param>
public sealed record SurveyAnswers(
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<int, IReadOnlySet<string>> TurnMarks);
