using Microsoft.Extensions.AI;

namespace InteractionLab.Api.Replies;

/// <summary>How a recorded model turn ended.</summary>
/// <param name="Index">The turn's index in the session (null when it was dropped as a tool call only).</param>
/// <param name="Text">The text as stored (cleaned of stop sequences for completion prompts).</param>
/// <param name="Stopped">The participant stopped it.</param>
/// <param name="Interrupted">A shutdown cut it short.</param>
/// <param name="Failure">Why the model failed, if it did.</param>
/// <param name="Saved">False when the database could not take it and it was kept in the spool.</param>
/// <param name="FunctionCalls">Tools the model asked to call.</param>
public sealed record RecordedTurn(int? Index, string Text, bool Stopped, bool Interrupted, Exception? Failure, bool Saved,
    IReadOnlyList<FunctionCallContent> FunctionCalls)
{
    /// <summary>True when the model produced a whole answer and it is stored.</summary>
    public bool Ok => Failure is null && !Interrupted && Saved;
}
