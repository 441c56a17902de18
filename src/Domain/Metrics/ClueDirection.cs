namespace InteractionLab.Domain.Metrics;

/// <summary>Which way a crossword answer runs.</summary>
public enum ClueDirection
{
    /// <summary>Left to right.</summary>
    Across,
    /// <summary>Top to bottom.</summary>
    Down,
}
