using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;

namespace InteractionLab.Api.Data;

/// <summary>One dialogue turn, by the participant or the model, with the model's timings and settings.</summary>
public sealed class Turn : ICommitOrdered
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <inheritdoc />
    public long TransactionId { get; set; }
    /// <summary>The session.</summary>
    public SessionId SessionId { get; set; }
    /// <summary>0, 1, … within the session, reserved from the session's counter (a reply that failed before any text leaves its index unused).</summary>
    public int Index { get; set; }
    /// <summary>Participant or model.</summary>
    public TurnRole Role { get; set; }
    /// <summary>The text (for a stopped model turn: what had arrived).</summary>
    public required string Text { get; set; }
    /// <summary>When the participant sent it, or when the model request was sent.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Milliseconds from request to first token (server clock).</summary>
    public double? FirstTokenMs { get; set; }
    /// <summary>Milliseconds from request to the end of the generation (server clock).</summary>
    public double? TotalMs { get; set; }
    /// <summary>
    /// Why the generation ended: stop, length, stopped, error, interrupted (a shutdown or crash cut it short; the text is
    /// what had arrived); <c>generating</c> while the model is still at it.
    /// </summary>
    public string? FinishReason { get; set; }
    /// <summary>Whether the participant pressed stop.</summary>
    public bool StoppedByParticipant { get; set; }
    /// <summary>Seed used for sampling.</summary>
    public int? Seed { get; set; }
    /// <summary>Decoding settings actually sent (JSON).</summary>
    public string? DecodingJson { get; set; }
    /// <summary>Model as endpoint/model id.</summary>
    public string? Model { get; set; }
    /// <summary>Prompt tokens of a model turn, as reported by the endpoint.</summary>
    public long? InputTokens { get; set; }
    /// <summary>Generated tokens of a model turn (reported, else the number of streamed pieces).</summary>
    public long? OutputTokens { get; set; }
    /// <summary>Stage the turn belongs to (null in sessions recorded before stages were stamped).</summary>
    public string? StageKey { get; set; }
    /// <summary>Task item the exchange was about (a question, a document, a clue), if any.</summary>
    public string? ItemKey { get; set; }
    /// <summary>Which of n completions asked at once this model turn is (0-based); null for a single reply.</summary>
    public int? ChoiceIndex { get; set; }
    /// <summary>
    /// For a dialogue reply: how many of the oldest turns were left out of its prompt to fit the model's context window
    /// (their indexes are in the <c>model.request-sent</c> event); null when the prompt has no conversation history.
    /// </summary>
    public int? ContextDroppedTurns { get; set; }
}
