namespace InteractionLab.Web.Participant;

/// <summary>One turn-mark answer: whether a statement applies to one model reply.</summary>
/// <param name="TurnIndex">Index of the model turn in the dialogue.</param>
/// <param name="ItemKey">Key of the turn-mark item.</param>
/// <param name="Marked">Ticked or not; unticked is saved as an explicit "no".</param>
public sealed record TurnMark(int TurnIndex, string ItemKey, bool Marked);
