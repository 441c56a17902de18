namespace InteractionLab.Domain.MoralGraph;

/// <summary>Which PageRank ranks the values of a graph.</summary>
public enum GraphRanking
{
    /// <summary>The published algorithm, <see cref="PublishedPageRank"/>: the default, so published graphs are reproduced.</summary>
    Published,
    /// <summary><see cref="WiserPageRank"/>: dead ends spread their rank, run to convergence, every listed value ranked.</summary>
    Wiser,
}
