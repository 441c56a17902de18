namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Orders value ids the way a researcher reads them: whole numbers numerically ("9" before "10", as the original
/// platform's numeric ids sort), other ids ordinally after them. Used to break exact rank ties.
/// </summary>
public sealed class ValueIdComparer : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static ValueIdComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        var xNumber = long.TryParse(x, System.Globalization.NumberStyles.None, null, out var a);
        var yNumber = long.TryParse(y, System.Globalization.NumberStyles.None, null, out var b);
        if (xNumber && yNumber) return a.CompareTo(b);
        if (xNumber != yNumber) return xNumber ? -1 : 1;
        return string.CompareOrdinal(x, y);
    }
}
