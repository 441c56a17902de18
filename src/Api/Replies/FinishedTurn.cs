using InteractionLab.Api.LanguageModels;

namespace InteractionLab.Api.Replies;

/// <summary>
/// Everything a model turn adds when it ends: its final text and timings and its trace events. It is what a save
/// writes, and what the spool keeps (as JSON) when the database cannot take it.
/// </summary>
/// <param name="Session">The session (its id).</param>
/// <param name="Index">The model turn's index (the turn row exists since the request).</param>
/// <param name="Text">The text as stored.</param>
/// <param name="FinishReason">stop, length, stopped, interrupted, error, …</param>
/// <param name="Stopped">Whether the participant stopped it.</param>
/// <param name="RequestSentAt">Server time of the request.</param>
/// <param name="FirstTokenMs">Milliseconds to the first token.</param>
/// <param name="TotalMs">Milliseconds to the end.</param>
/// <param name="InputTokens">Prompt tokens, when reported.</param>
/// <param name="OutputTokens">Generated tokens (reported, else the pieces streamed).</param>
/// <param name="Tokens">Every piece with its arrival time.</param>
/// <param name="Error">The failure's type name, if it failed.</param>
/// <param name="Queued">Whether it waited in the model's line.</param>
/// <param name="Drop">True to remove the turn and its request event instead (a reply that was only a tool call).</param>
/// <param name="RequestSequence">Sequence of the turn's <c>model.request-sent</c> event.</param>
public sealed record FinishedTurn(
    Guid Session, int Index, string Text, string FinishReason, bool Stopped, DateTimeOffset RequestSentAt,
    double? FirstTokenMs, double TotalMs, long? InputTokens, long? OutputTokens, IReadOnlyList<TimedToken> Tokens,
    string? Error, bool Queued, bool Drop, long RequestSequence);
