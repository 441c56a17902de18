namespace InteractionLab.Domain.Writing;

/// <summary>What one trace file yielded: every event that parsed, and every line that did not, with why.</summary>
/// <param name="Source">The file (or other origin) name, for reports.</param>
/// <param name="Events">The parsed events in file order.</param>
/// <param name="Errors">One entry per bad line; good lines around them are kept.</param>
public sealed record TraceImport(string Source, IReadOnlyList<TraceEvent> Events, IReadOnlyList<LineError> Errors)
{
    /// <summary>How many events parsed.</summary>
    public int EventsParsed => Events.Count;

    /// <summary>True when no line was rejected.</summary>
    public bool IsClean => Errors.Count == 0;
}
