namespace InteractionLab.Web.Participant;

/// <summary>Answers of one survey stage.</summary>
/// <param name="Values">Likert and free-text answers by item key (Likert values as invariant integers).</param>
/// <param name="TurnMarks">Every turn-mark item for every model reply, ticked or not.</param>
public sealed record SurveyAnswers(
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<TurnMark> TurnMarks);
