namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// A built moral graph, in the shape it is exported and imported as JSON (see <see cref="MoralGraphJson"/>).
/// Not named <c>MoralGraph</c> because a type named like its namespace makes every reference ambiguous.
/// </summary>
/// <param name="Values">Values, highest rank first (ties by id, ordinal).</param>
/// <param name="Edges">The kept wiser-than edges, by source then wiser value id (ordinal).</param>
public sealed record MoralGraphDocument(IReadOnlyList<MoralGraphValue> Values, IReadOnlyList<MoralGraphEdge> Edges);
