namespace InteractionLab.Testing.LanguageModel;

/// <summary>
/// What a <see cref="ScriptedOpenAiServer"/> answers one chat call with: text (streamed word by word, each word after
/// the first with its leading space, so the pieces join to the text), or one tool call; optionally the usage it
/// reports, and whether the stream stops after its first piece and never finishes (a model that hangs).
/// A string converts to a text reply.
/// </summary>
public sealed record ScriptedReply
{
    /// <summary>The reply's text.</summary>
    public string Text { get; init; } = "";

    /// <summary>The function the model calls (with arguments <c>{}</c>) instead of answering in text.</summary>
    public string? ToolCall { get; init; }

    /// <summary>
    /// The usage reported: in a stream's last chunk when set (none otherwise); a plain answer reports 10/10 unless set.
    /// </summary>
    public (int Input, int Output)? Usage { get; init; }

    /// <summary>Whether the stream sends its first piece and then nothing until the caller hangs up.</summary>
    public bool HangsAfterFirstPiece { get; init; }

    /// <summary>The pieces a stream sends: the words, each after the first with its leading space.</summary>
    public IReadOnlyList<string> Pieces =>
        Text.Split(' ').Select((word, i) => i == 0 ? word : " " + word).ToList();

    /// <summary>A text reply.</summary>
    public static ScriptedReply Say(string text) => new() { Text = text };

    /// <summary>A call of <paramref name="function"/> with empty arguments.</summary>
    public static ScriptedReply CallTool(string function) => new() { ToolCall = function };

    /// <summary>A stream that sends <paramref name="first"/> and then hangs.</summary>
    public static ScriptedReply SayThenHang(string first) => new() { Text = first, HangsAfterFirstPiece = true };

    /// <summary>A text reply.</summary>
    public static implicit operator ScriptedReply(string text) => Say(text);
}
