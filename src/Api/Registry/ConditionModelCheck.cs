using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Registry;

/// <summary>
/// The rule that a study only goes live when every condition's endpoint serves its model: each endpoint the
/// conditions name is asked for its models once (<see cref="EndpointModelLister"/>), and each condition whose model is
/// not in that list is a problem keyed by its field (<c>conditions[1].model.model</c>, or <c>…model.endpoint</c> when
/// the endpoint itself is unknown, disabled or unreachable) that names the condition.
/// </summary>
public sealed class ConditionModelCheck(EndpointModelLister lister)
{
    /// <summary>Problems by field path; empty when every condition's model is served.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ProblemsAsync(StudyConfig config, CancellationToken ct = default)
    {
        var endpoints = config.Conditions.Select(c => c.Model.Endpoint).Where(e => !string.IsNullOrWhiteSpace(e))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var listed = (await Task.WhenAll(endpoints.Select(e => lister.ListAsync(e, ct: ct))))
            .ToDictionary(l => l.Endpoint, StringComparer.OrdinalIgnoreCase);
        var problems = new Dictionary<string, string[]>();
        for (var i = 0; i < config.Conditions.Count; i++)
        {
            var (key, model) = (config.Conditions[i].Key, config.Conditions[i].Model);
            if (!listed.TryGetValue(model.Endpoint, out var endpoint)) continue; // no endpoint: the validator says so
            if (endpoint.ProblemWith(model.Model) is not { } problem) continue;
            var field = endpoint.Answered && endpoint.Enabled ? "model" : "endpoint";
            problems[$"conditions[{i}].model.{field}"] = [$"Condition '{key}': {problem}."];
        }
        return problems;
    }
}
