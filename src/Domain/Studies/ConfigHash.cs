using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace InteractionLab.Domain.Studies;

/// <summary>
/// Canonical JSON and SHA-256 of a study configuration. Object keys are sorted and numbers written in one
/// form, so two configs that mean the same thing hash the same whatever order they were written in.
/// </summary>
public static class ConfigHash
{
    /// <summary>Serializer settings for study configs everywhere (storage, API, hashing).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The canonical JSON text of a config.</summary>
    public static string Canonical(StudyConfig config) => CanonicalOf(config);

    /// <summary>Lower-case hex SHA-256 of the canonical JSON.</summary>
    public static string Compute(StudyConfig config) => ComputeOf(config);

    /// <summary>The canonical JSON text of any config record (annotation projects are hashed the same way).</summary>
    public static string CanonicalOf<T>(T config)
    {
        var node = JsonSerializer.SerializeToNode(config, Json);
        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of the canonical JSON of any config record.</summary>
    public static string ComputeOf<T>(T config)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalOf(config)));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Reads a config from JSON written with <see cref="Json"/>.</summary>
    public static StudyConfig Parse(string json) =>
        JsonSerializer.Deserialize<StudyConfig>(json, Json) ?? throw new JsonException("Study config is empty.");

    private static void Write(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    sb.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(value, sb);
                }
                sb.Append('}');
                break;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(arr[i], sb);
                }
                sb.Append(']');
                break;
            case JsonValue v when v.TryGetValue<double>(out var d):
                sb.Append(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }
}
