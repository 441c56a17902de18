using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Intake;
using InteractionLab.Domain.Annotation;

namespace InteractionLab.Api.Annotation.Projects;

/// <summary>
/// An item a researcher adds by hand or in a file (JSON Lines: one of these per line; CSV: see <see cref="ItemFile"/>).
/// </summary>
/// <param name="Id">Your id for the item, unique in the project (kept as the item's artifact key).</param>
/// <param name="Text">The text to rate.</param>
/// <param name="Context">What the text is about (shown above it), optional.</param>
/// <param name="ContextLabel">Heading of the context, e.g. "Document".</param>
/// <param name="Title">A title shown with the text, optional.</param>
/// <param name="Turns">A conversation to rate instead of (or besides) a text: speaker "person" or "ai" and text.</param>
/// <param name="Second">For a pair: the other side (text, context, turns…).</param>
/// <param name="Role">"regular" (default), "gold" or "qualification".</param>
/// <param name="Expected">Gold and qualification items: the expected answer per question key.</param>
public sealed record ManualItem(
    string Id, string? Text = null, string? Context = null, string? ContextLabel = null, string? Title = null,
    IReadOnlyList<ManualTurn>? Turns = null, ManualItem? Second = null, string? Role = null,
    IReadOnlyDictionary<string, string>? Expected = null)
{
    /// <summary>The item's content.</summary>
    public ItemContent Content() => new(
        Turns is { Count: > 0 } ? "transcript" : "text", Context, Context is null ? null : ContextLabel ?? "Context",
        Turns?.Select((t, i) => new ContentTurn(i, t.Speaker, t.Text)).ToList(), Text, Text is null ? null : "Text",
        Title: Title, Second: Second?.Content());

    /// <summary>The role named by <see cref="Role"/>, or null when it names none of them.</summary>
    public AnnotationItemRole? ParsedRole() => (Role?.Trim().ToLowerInvariant() ?? "regular") switch
    {
        "" or "regular" => AnnotationItemRole.Regular,
        "gold" => AnnotationItemRole.Gold,
        "qualification" => AnnotationItemRole.Qualification,
        _ => null,
    };

    /// <summary>The draft the intake saves.</summary>
    public ItemDraft Draft(AnnotationItemOrigin origin) =>
        new($"{(origin == AnnotationItemOrigin.File ? "file" : "manual")}:{Id.Trim()}", Content(), ArtifactKey: Id.Trim());
}

/// <summary>One turn of a hand-made conversation.</summary>
/// <param name="Speaker">"person" or "ai".</param>
/// <param name="Text">What was said.</param>
public sealed record ManualTurn(string Speaker, string Text);

/// <summary>What adding items did.</summary>
/// <param name="Added">New items.</param>
/// <param name="Unchanged">Items whose id the project already had (left as they were).</param>
/// <param name="Errors">Problems by line (files) or by item index (JSON), none saved when there are any.</param>
public sealed record ItemsAdded(int Added, int Unchanged, IReadOnlyList<ItemLineError> Errors);

/// <summary>A problem with one line of an item file.</summary>
/// <param name="Line">1-based line (0 for the whole file).</param>
/// <param name="Field">The field, e.g. <c>expected.coherent</c>, if one.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ItemLineError(int Line, string? Field, string Message);
