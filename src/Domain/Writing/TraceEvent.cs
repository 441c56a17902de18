namespace InteractionLab.Domain.Writing;

/// <summary>One line of a CoAuthor-format trace. Only <see cref="EventName"/> is required; every other field
/// may be missing from a line and is then null (or empty).</summary>
public sealed record TraceEvent
{
    /// <summary>1-based line in the source file; 0 for events built in code.</summary>
    public int LineNumber { get; init; }
    /// <summary><c>eventName</c>, e.g. <c>text-insert</c> (see <see cref="CoAuthorEventNames"/>).</summary>
    public required string EventName { get; init; }
    /// <summary><c>eventSource</c>.</summary>
    public EventSource Source { get; init; }
    /// <summary><c>eventTimestamp</c>: client clock, milliseconds since the Unix epoch.</summary>
    public long? TimestampMs { get; init; }
    /// <summary><c>textDelta</c> when it is an edit (ops); null when empty or plain text.</summary>
    public TextDelta? Delta { get; init; }
    /// <summary><c>textDelta</c> when it is plain text rather than an edit: the sentence of a <c>template-add</c> or
    /// <c>template-delete</c>, the message of a <c>suggestion-fail</c>. Replay never applies it; null when absent or "".</summary>
    public string? DeltaText { get; init; }
    /// <summary><c>cursorRange</c>; null when empty.</summary>
    public CursorRange? CursorRange { get; init; }
    /// <summary><c>currentDoc</c>: the document after this event, as the client saw it.</summary>
    public string? CurrentDoc { get; init; }
    /// <summary><c>currentCursor</c>.</summary>
    public CursorRange? CurrentCursor { get; init; }
    /// <summary><c>currentSuggestions</c>.</summary>
    public IReadOnlyList<Suggestion> CurrentSuggestions { get; init; } = [];
    /// <summary><c>currentSuggestionIndex</c>: the highlighted or selected suggestion.</summary>
    public int? CurrentSuggestionIndex { get; init; }
    /// <summary><c>currentHoverIndex</c>.</summary>
    public int? CurrentHoverIndex { get; init; }
    /// <summary><c>currentN</c>, <c>currentMaxToken</c>, <c>currentTemperature</c>, … .</summary>
    public TraceDecodingSettings Decoding { get; init; } = TraceDecodingSettings.None;
    /// <summary><c>eventNum</c>: the client's running event number.</summary>
    public int? EventNum { get; init; }
    /// <summary>Fields this reader does not know, name → raw JSON text, so nothing in an old data set is lost.</summary>
    public IReadOnlyDictionary<string, string> UnknownFields { get; init; } = new Dictionary<string, string>();
}
