namespace InteractionLab.Api.Replies;

/// <summary>Where a turn belongs: its stage, the task item it was about, and which of n completions it is.</summary>
/// <param name="StageKey">The stage.</param>
/// <param name="ItemKey">The task item (question, document, clue), if any.</param>
/// <param name="ChoiceIndex">0-based index among n completions asked at once; null for a single reply.</param>
public sealed record TurnPlace(string StageKey, string? ItemKey = null, int? ChoiceIndex = null);
