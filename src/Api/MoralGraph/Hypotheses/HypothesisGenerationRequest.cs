namespace InteractionLab.Api.MoralGraph.Hypotheses;

/// <summary>Body of <c>POST /api/v1/admin/studies/{id}/hypotheses/generate</c>.</summary>
/// <param name="QuestionId">The question whose canonical values are paired.</param>
/// <param name="Endpoint">Model endpoint (as in the model registry), e.g. <c>openai</c>.</param>
/// <param name="Model">Model id.</param>
/// <param name="Contexts">
/// Contexts to group the values under; when empty, the interview stage's <c>contexts</c> setting is used, and when
/// the study has none either, the model proposes them.
/// </param>
public sealed record HypothesisGenerationRequest(string QuestionId, string Endpoint, string Model, IReadOnlyList<string>? Contexts = null);
