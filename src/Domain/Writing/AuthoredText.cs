using System.Text;

namespace InteractionLab.Domain.Writing;

/// <summary>A document being replayed: the text plus, per UTF-16 code unit, its <see cref="CharOrigin"/>.
/// A StringBuilder and a parallel list keep each op O(document length), so a long session replays in
/// O(events × length) without building a new string per event.</summary>
public sealed class AuthoredText
{
    private readonly StringBuilder text = new();
    private readonly List<CharOrigin> origins = [];

    /// <summary>Current length in UTF-16 code units (Quill counts the same way).</summary>
    public int Length => text.Length;

    /// <summary>The current text.</summary>
    public override string ToString() => text.ToString();

    /// <summary>Origin of each character, aligned with the text.</summary>
    public IReadOnlyList<CharOrigin> Origins => origins;

    /// <summary>Replaces the whole document, every character attributed to <paramref name="origin"/>.</summary>
    public void Reset(string initial, CharOrigin origin)
    {
        text.Clear().Append(initial);
        origins.Clear();
        origins.AddRange(Block(origin, initial.Length));
    }

    /// <summary>Applies a delta; inserted text gets <paramref name="origin"/>. Returns null on success, or why
    /// the delta does not fit this document — in which case the document is left unchanged.</summary>
    public string? TryApply(TextDelta delta, CharOrigin origin)
    {
        // Validate the whole delta first, so a bad event never leaves half of itself applied.
        var position = 0;
        var length = text.Length;
        foreach (var op in delta.Ops)
        {
            switch (op.Kind)
            {
                case DeltaOpKind.Retain when position + op.Count > length:
                    return $"retain {op.Count} at position {position} goes past the end of the document (length {length})";
                case DeltaOpKind.Delete when position + op.Count > length:
                    return $"delete {op.Count} at position {position} goes past the end of the document (length {length})";
                case DeltaOpKind.Retain:
                    position += op.Count;
                    break;
                case DeltaOpKind.Delete:
                    length -= op.Count;
                    break;
                case DeltaOpKind.Insert:
                    position += op.Count;
                    length += op.Count;
                    break;
            }
        }

        position = 0;
        foreach (var op in delta.Ops)
        {
            switch (op.Kind)
            {
                case DeltaOpKind.Retain:
                    position += op.Count;
                    break;
                case DeltaOpKind.Delete:
                    text.Remove(position, op.Count);
                    origins.RemoveRange(position, op.Count);
                    break;
                case DeltaOpKind.Insert:
                    text.Insert(position, op.Text);
                    origins.InsertRange(position, Block(origin, op.Count));
                    position += op.Count;
                    break;
            }
        }
        return null;
    }

    /// <summary>The first UTF-16 position where this text and <paramref name="other"/> differ, or null when equal.
    /// Walks the builder's chunks so checking a logged <c>currentDoc</c> after every event allocates nothing.</summary>
    public int? FirstDifferenceFrom(string other)
    {
        var position = 0;
        foreach (var chunk in text.GetChunks())
        {
            var span = chunk.Span;
            var common = Math.Min(span.Length, other.Length - position);
            var same = span[..common].CommonPrefixLength(other.AsSpan(position, common));
            if (same < span.Length)
            {
                return position + same;
            }
            position += span.Length;
        }
        return position == other.Length ? null : position;
    }

    // An array (an ICollection) lets List.InsertRange copy in one move instead of shifting per element.
    private static CharOrigin[] Block(CharOrigin origin, int count)
    {
        var block = new CharOrigin[count];
        Array.Fill(block, origin);
        return block;
    }
}
