namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// A value in the graph: a canonical (deduplicated) values card, belonging to the question whose choosers
/// articulated it. Votes are only compared between values of the same question.
/// </summary>
/// <param name="Id">Stable id; string so that ids from another platform's study can be kept as they are.</param>
/// <param name="QuestionId">The user question (chooser context) the value was elicited for.</param>
/// <param name="Card">The canonical card.</param>
public sealed record CanonicalValue(string Id, string QuestionId, ValuesCard Card);
