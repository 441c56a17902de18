namespace InteractionLab.Domain.MoralGraph;

/// <summary>The names of the file formats <see cref="MoralGraphFileReader"/> reads (see the README beside this file).</summary>
public static class MoralGraphFormats
{
    /// <summary>Cards and individual votes, this platform's import format.</summary>
    public const string Import = "import";
    /// <summary>A graph JSON exported here.</summary>
    public const string Graph = "graph";
    /// <summary>The original Moral Graph Elicitation platform's graph JSON (<c>counts.markedWiser</c>, <c>summary.*</c>).</summary>
    public const string PublishedGraph = "published-graph";
    /// <summary>The original platform's database tables (<c>CanonicalValuesCard</c>, <c>Edge</c>, <c>EdgeHypothesis</c>…).</summary>
    public const string OriginalTables = "original-tables";
}
