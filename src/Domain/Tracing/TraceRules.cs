using System.Text.RegularExpressions;

namespace InteractionLab.Domain.Tracing;

/// <summary>The limits of the browser trace logger's protocol.</summary>
public static partial class TraceRules
{
    /// <summary>Most events accepted in one batch.</summary>
    public const int MaxEventsPerBatch = 500;

    /// <summary>
    /// Largest payload stored as it came, in UTF-8 bytes of its JSON text (a long paste fits; the hub takes messages up
    /// to 2 MB). A larger one is stored in a safe form, its text kept whole beside it; the logger never sends more.
    /// </summary>
    public const int MaxPayloadBytes = 1024 * 1024;

    /// <summary>Whether an event type is a short lower-case dotted name such as <c>text.insert</c>.</summary>
    public static bool IsValidType(string? type) => type is not null && TypePattern().IsMatch(type);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TypePattern();
}
