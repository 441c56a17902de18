namespace InteractionLab.Domain.Writing;

/// <summary>The document rebuilt from a trace, with who wrote each character.</summary>
/// <param name="Text">The document after the last applied event.</param>
/// <param name="Origins">Per UTF-16 code unit of <paramref name="Text"/>: author and inserting event.</param>
/// <param name="EventsApplied">How many events (from the start) were replayed.</param>
/// <param name="Error">Set when an event's delta did not fit; replay stopped before that event.</param>
/// <param name="Mismatches">Events whose logged <c>currentDoc</c> disagrees with the replay.</param>
public sealed record ReplayResult(
    string Text,
    IReadOnlyList<CharOrigin> Origins,
    int EventsApplied,
    ReplayError? Error,
    IReadOnlyList<DocumentMismatch> Mismatches)
{
    /// <summary>True when every event applied.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The authorship mask: one <see cref="Author"/> per UTF-16 code unit.</summary>
    public IReadOnlyList<Author> Mask => Origins.Select(o => o.Author).ToArray();

    /// <summary>The mask as letters, one per character: P (prompt), U (user), M (model) — handy in reports
    /// and tests, and the same shape as CoAuthor's own P/U/A masks.</summary>
    public string MaskLetters() => string.Create(Origins.Count, Origins, static (span, origins) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = origins[i].Author switch
            {
                Author.Prompt => 'P',
                Author.User => 'U',
                _ => 'M',
            };
        }
    });

    /// <summary>The text written by <paramref name="author"/>, in document order.</summary>
    public string TextBy(Author author) =>
        string.Concat(Text.Where((_, i) => Origins[i].Author == author));
}
