using System.Text.Json;
using System.Text.Json.Serialization;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Reads and writes the moral graph JSON (camelCase):
/// <c>{ values: [{ id, title, description, policies, rank, votes? }], edges: [{ sourceValueId, wiserValueId, contexts,
/// counts: { wiser, notWiser, unsure, lessWise }, wiserLikelihood, entropy }] }</c>.
/// Doubles are written in their shortest round-trippable form, so reading an export gives back the same graph.
/// </summary>
public static class MoralGraphJson
{
    /// <summary>The options used for graph and import files: web defaults (camelCase, case-insensitive reading),
    /// nulls omitted, nullability and required constructor parameters enforced when reading.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The graph as indented JSON.</summary>
    public static string Serialize(MoralGraphDocument graph) => JsonSerializer.Serialize(graph, Options);

    /// <summary>
    /// Reads a graph written by <see cref="Serialize"/> (or by another tool in the same format).
    /// Throws <see cref="JsonException"/>, whose message names the path, when the JSON is malformed or a field is missing.
    /// </summary>
    public static MoralGraphDocument Deserialize(string json) =>
        JsonSerializer.Deserialize<MoralGraphDocument>(json, Options)
        ?? throw new JsonException("The moral graph JSON is 'null'; expected an object with 'values' and 'edges'.");

    // Read-only so that no caller can change the format for everyone else by mutating the shared options.
    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
