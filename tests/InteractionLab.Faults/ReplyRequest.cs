namespace InteractionLab.Faults;

/// <summary>
/// One message a participant sent asking for a reply, and what they saw of it. The message carries a nonce, so the
/// check finds exactly this exchange in the database.
/// </summary>
public sealed class ReplyRequest(string nonce)
{
    private volatile bool _answering;

    /// <summary>The message sent (the nonce makes it unique).</summary>
    public string Message { get; } = $"Tell me more about that, please. ({nonce})";

    /// <summary>The reply's pieces as they arrived.</summary>
    public List<string> Pieces { get; } = [];

    /// <summary>How it ended for the participant; null while it streams.</summary>
    public ReplyOutcome? Outcome { get; private set; }

    /// <summary>The error the participant got, if any.</summary>
    public string? Error { get; private set; }

    /// <summary>The reply is streaming to the participant now (a first piece arrived and it has not ended).</summary>
    public bool Answering => _answering && Outcome is null;

    /// <summary>
    /// The server certainly stored the request: a reply streams only after its turn is stored, and a stream that ends
    /// normally (even with no pieces) ran its whole course.
    /// </summary>
    public bool CertainlyStored => Pieces.Count > 0 || Outcome == ReplyOutcome.Completed;

    /// <summary>Adds a piece.</summary>
    public void Add(string piece)
    {
        Pieces.Add(piece);
        _answering = true;
    }

    /// <summary>Records how it ended.</summary>
    public void End(ReplyOutcome outcome, string? error = null)
    {
        Error = error;
        Outcome = outcome;
    }
}
