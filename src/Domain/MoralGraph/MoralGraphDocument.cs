namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// A built moral graph, in the shape it is exported and imported as JSON (see <see cref="MoralGraphJson"/>).
/// Not named <c>MoralGraph</c> because a type named like its namespace makes every reference ambiguous.
/// </summary>
/// <param name="Values">Values, highest rank first (exact ties by id: whole numbers numerically, then others ordinally).</param>
/// <param name="Edges">The kept wiser-than edges, in the order their pair was first voted on (the published order).</param>
public sealed record MoralGraphDocument(IReadOnlyList<MoralGraphValue> Values, IReadOnlyList<MoralGraphEdge> Edges);
