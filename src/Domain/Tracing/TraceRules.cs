using System.Text.RegularExpressions;

namespace InteractionLab.Domain.Tracing;

/// <summary>The limits a batch of client trace events must respect before anything of it is stored.</summary>
public static partial class TraceRules
{
    /// <summary>Most events accepted in one batch.</summary>
    public const int MaxEventsPerBatch = 500;

    /// <summary>Largest payload, in UTF-8 bytes of its JSON text.</summary>
    public const int MaxPayloadBytes = 16 * 1024;

    /// <summary>Whether an event type is a short lower-case dotted name such as <c>text.insert</c>.</summary>
    public static bool IsValidType(string? type) => type is not null && TypePattern().IsMatch(type);

    /// <summary>
    /// The highest sequence n such that 1..n are all in <paramref name="stored"/>, starting from a known
    /// contiguous <paramref name="watermark"/> (0 when none). The browser compares it with what it sent to
    /// detect a gap it must fill.
    /// </summary>
    public static long ContiguousWatermark(long watermark, IEnumerable<long> stored)
    {
        var set = stored as ISet<long> ?? stored.ToHashSet();
        while (set.Contains(watermark + 1)) watermark++;
        return watermark;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();
}
