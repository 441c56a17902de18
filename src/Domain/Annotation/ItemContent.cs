namespace InteractionLab.Domain.Annotation;

/// <summary>
/// What an annotator sees of one item: a blinded, redacted snapshot taken when the item was created, so what was
/// rated stays fixed and reviewable even if the source is edited or removed later. It names no participant,
/// session, condition, model or endpoint; speakers are only "person" and "ai".
/// </summary>
/// <param name="Kind">What is rated: transcript, model-turn, summary, metaphor-sentence, qa-answer, values-card or text.</param>
/// <param name="Context">What the rated text is about (the document, the scenario, the seed metaphor, the question), if anything.</param>
/// <param name="ContextLabel">Heading of <paramref name="Context"/> ("Document", "Seed metaphor"…).</param>
/// <param name="Turns">The conversation, in order (transcripts, model turns, the assistant's help on a question).</param>
/// <param name="Text">The rated text itself (a summary, a sentence, an answer, a card's description), if it is not the conversation.</param>
/// <param name="TextLabel">Heading of <paramref name="Text"/>.</param>
/// <param name="Points">A list that belongs to the text (a values card's attentional policies, a question's options).</param>
/// <param name="FocusTurn">For a model-turn item: the index of the turn being rated (the turns before it are context).</param>
/// <param name="Title">A title of the text (a values card's title).</param>
/// <param name="Second">For a pair: the other side (this record is the first). Sides are swapped per annotator when shown.</param>
public sealed record ItemContent(
    string Kind,
    string? Context = null,
    string? ContextLabel = null,
    IReadOnlyList<ContentTurn>? Turns = null,
    string? Text = null,
    string? TextLabel = null,
    IReadOnlyList<string>? Points = null,
    int? FocusTurn = null,
    string? Title = null,
    ItemContent? Second = null)
{
    /// <summary>Speaker of the participant's turns.</summary>
    public const string PersonSpeaker = "person";

    /// <summary>Speaker of the model's turns (whatever the condition called it).</summary>
    public const string AiSpeaker = "ai";

    /// <summary>Whether this is a pair to compare.</summary>
    public bool IsPair => Second is not null;

    /// <summary>
    /// A pair as one annotator sees it: with <paramref name="swap"/> the second side comes first. Single items are
    /// returned unchanged.
    /// </summary>
    public ItemContent Shown(bool swap) => !swap || Second is null ? this : Second with { Second = this with { Second = null } };

    /// <summary>The indexes of the AI's turns (what per-turn marks may refer to).</summary>
    public IReadOnlySet<int> AiTurnIndexes() =>
        (Turns ?? []).Where(t => t.Speaker == AiSpeaker && (FocusTurn is null || t.Index == FocusTurn)).Select(t => t.Index).ToHashSet();

    /// <summary>Every piece of free text in the snapshot (for redaction and for checks).</summary>
    public IEnumerable<string> Texts()
    {
        foreach (var s in new[] { Context, Text, Title }) if (s is not null) yield return s;
        foreach (var t in Turns ?? []) yield return t.Text;
        foreach (var p in Points ?? []) yield return p;
        if (Second is not null) foreach (var s in Second.Texts()) yield return s;
    }

    /// <summary>The same content with every free text passed through <paramref name="redact"/>.</summary>
    public ItemContent Map(Func<string, string> redact) => this with
    {
        Context = Context is null ? null : redact(Context),
        Text = Text is null ? null : redact(Text),
        Title = Title is null ? null : redact(Title),
        Turns = Turns?.Select(t => t with { Text = redact(t.Text) }).ToList(),
        Points = Points?.Select(redact).ToList(),
        Second = Second?.Map(redact),
    };
}

/// <summary>One turn of a conversation as annotators see it.</summary>
/// <param name="Index">The turn's index in its session (per-turn ratings refer to it).</param>
/// <param name="Speaker"><see cref="ItemContent.PersonSpeaker"/> or <see cref="ItemContent.AiSpeaker"/>.</param>
/// <param name="Text">What was said (redacted).</param>
public sealed record ContentTurn(int Index, string Speaker, string Text);
