using InteractionLab.Domain;
using InteractionLab.Domain.Metrics;

namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>One row of the per-sentence table: HALIE's columns for one sentence of one session.</summary>
/// <param name="Session">Our session (for links and grouping).</param>
/// <param name="SessionId">HALIE's <c>session_id</c>: the source data set's id for an imported session, else ours.</param>
/// <param name="WorkerId">HALIE's <c>worker_id</c>: the pseudonymous participant id (never a recruitment id).</param>
/// <param name="Model">HALIE's <c>model</c>: the session's condition (an imported session's model, named as HALIE names it).</param>
/// <param name="Prompt">HALIE's <c>prompt</c>: the seed — the metadata's <c>example</c> for an imported session, the
/// seed metaphor's id for a session run here; "" when unknown.</param>
/// <param name="Metrics">The sentence's measures.</param>
public sealed record WritingSentenceRow(SessionId Session, string SessionId, string WorkerId, string Model, string Prompt, SentenceMetrics Metrics);
