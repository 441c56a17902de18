namespace InteractionLab.Api.MoralGraph.Hypotheses;

/// <summary>Answer of <c>POST …/hypotheses/approve</c> and <c>…/reject</c>.</summary>
/// <param name="Changed">How many hypotheses changed status (those already so are not counted).</param>
public sealed record HypothesisDecisionOutcome(int Changed);
