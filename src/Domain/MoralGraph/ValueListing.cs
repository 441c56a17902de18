namespace InteractionLab.Domain.MoralGraph;

/// <summary>Which values a graph lists.</summary>
public enum ValueListing
{
    /// <summary>As published: only the values that lie on a kept edge.</summary>
    Connected,
    /// <summary>Every value in the slice (its question, or the whole study), including values no kept edge touches.</summary>
    All,
}
