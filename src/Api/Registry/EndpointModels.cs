namespace InteractionLab.Api.Registry;

/// <summary>What an endpoint said about its models when asked (<c>GET {base}/models</c>, or the in-process list).</summary>
/// <param name="Endpoint">Endpoint name.</param>
/// <param name="Origin">Where the endpoint is defined.</param>
/// <param name="Answered">Whether it answered with a model list.</param>
/// <param name="LatencyMs">Time to the answer.</param>
/// <param name="Models">Model ids it serves (empty when it did not answer).</param>
/// <param name="Problem">What went wrong, in words; null when it answered.</param>
/// <param name="Enabled">False for a registered endpoint an admin disabled (conditions may not use it).</param>
public sealed record EndpointModels(
    string Endpoint, EndpointOrigin Origin, bool Answered, double LatencyMs, IReadOnlyList<string> Models, string? Problem, bool Enabled = true)
{
    /// <summary>Whether a condition may use <paramref name="model"/> here: the endpoint is usable and lists it.</summary>
    public bool Serves(string model) => Enabled && Answered && Models.Contains(model, StringComparer.Ordinal);

    /// <summary>
    /// Why a condition cannot use <paramref name="model"/> on this endpoint, in words a researcher acts on; null
    /// when it can.
    /// </summary>
    public string? ProblemWith(string model) =>
        Origin == EndpointOrigin.Unknown ? $"there is no endpoint '{Endpoint}' (register it under Models, or configure LanguageModels:Endpoints:{Endpoint})"
        : !Enabled ? $"the endpoint '{Endpoint}' is disabled in the model registry"
        : !Answered ? $"the models of '{Endpoint}' could not be listed: {Problem}"
        : Serves(model) ? null
        : Models.Count == 0 ? $"the endpoint '{Endpoint}' lists no models, so '{model}' cannot be verified"
        : $"the endpoint '{Endpoint}' does not serve the model '{model}' (it serves: {string.Join(", ", Models)})";
}
