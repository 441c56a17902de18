namespace InteractionLab.Inference.Engine;

/// <summary>
/// Cuts the output exactly before the first stop sequence. Text that could still become a stop sequence is held
/// back, so a streamed client never sees part of a stop string.
/// </summary>
internal sealed class StopSequenceMatcher(IReadOnlyList<string> stops)
{
    private string _pending = string.Empty;

    /// <summary>Adds newly decoded text; returns the text that is now final and whether a stop sequence was hit.</summary>
    public (string Final, bool Stopped) Push(string piece)
    {
        if (stops.Count == 0)
        {
            return (piece, false);
        }

        var text = _pending.Length == 0 ? piece : _pending + piece;
        var cut = -1;
        foreach (var stop in stops)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
            }
        }

        if (cut >= 0)
        {
            _pending = string.Empty;
            return (text[..cut], true);
        }

        var hold = LongestSuffixThatStartsAStop(text);
        _pending = text[(text.Length - hold)..];
        return (text[..(text.Length - hold)], false);
    }

    /// <summary>Releases held-back text when the completion ends for another reason.</summary>
    public string Flush()
    {
        var rest = _pending;
        _pending = string.Empty;
        return rest;
    }

    private int LongestSuffixThatStartsAStop(string text)
    {
        var best = 0;
        foreach (var stop in stops)
        {
            for (var len = Math.Min(stop.Length - 1, text.Length); len > best; len--)
            {
                if (text.AsSpan(text.Length - len).SequenceEqual(stop.AsSpan(0, len)))
                {
                    best = len;
                    break;
                }
            }
        }

        return best;
    }
}
