using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace InteractionLab.Api.Hosting;

/// <summary>
/// OpenAPI builds every schema with the REST JSON (<see cref="PlatformJson.Apply"/>), where enums are numbers. Types
/// answered or read in the config dialect (<see cref="ConfigDialectMetadata"/>) send enums as kebab-case names, so this
/// rewrites the schema of every enum reached from them to the strings <see cref="PlatformJson.Config"/> writes (and a
/// numeric default to its name). Property names need no rewriting: both dialects are camelCase from the web defaults.
/// An enum that a REST-JSON type also carries (a study's status in the lifecycle answers) is a number there: that
/// property keeps the number schema, inlined, so the shared component describes the config dialect only.
/// </summary>
internal sealed class ConfigDialectSchemas : IOpenApiSchemaTransformer
{
    // Where Microsoft.AspNetCore.OpenApi keeps the component name a schema is moved under.
    private const string SchemaId = "x-schema-id";

    private ConfigTypes? _config;

    /// <inheritdoc />
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.JsonTypeInfo.Type;
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (!type.IsEnum) return Task.CompletedTask;
        _config ??= ConfigTypes.Of(context.ApplicationServices.GetRequiredService<EndpointDataSource>());
        if (!_config.Enums.TryGetValue(type, out var values)) return Task.CompletedTask;

        if (context.JsonPropertyInfo is { } property && !_config.Reached.Contains(property.DeclaringType))
        {
            schema.Metadata?.Remove(SchemaId);
            return Task.CompletedTask;
        }
        var nullable = type != declared || schema.Type?.HasFlag(JsonSchemaType.Null) == true;
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        schema.Format = null;
        schema.Enum = [.. values.Select(v => v.DeepClone()), .. nullable ? [JsonNullSentinel.JsonNull] : Array.Empty<JsonNode>()];
        if (schema.Default is JsonValue number && number.GetValueKind() == JsonValueKind.Number && long.TryParse(number.ToJsonString(), out var n))
            schema.Default = JsonSerializer.SerializeToNode(Enum.ToObject(type, n), type, PlatformJson.Config);
        return Task.CompletedTask;
    }

    /// <summary>The types reached from the config-dialect answers and bodies, and their enums' values as written.</summary>
    private sealed record ConfigTypes(HashSet<Type> Reached, Dictionary<Type, JsonNode[]> Enums)
    {
        public static ConfigTypes Of(EndpointDataSource endpoints)
        {
            var found = new ConfigTypes([], []);
            foreach (var root in endpoints.Endpoints.SelectMany(e => e.Metadata.OfType<ConfigDialectMetadata>()))
                found.Walk(root.Type);
            return found;
        }

        private void Walk(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!Reached.Add(type)) return;
            if (type.IsEnum)
            {
                Enums[type] = [.. Enum.GetValues(type).Cast<object>()
                    .Select(v => JsonSerializer.Serialize(v, type, PlatformJson.Config)).Distinct()
                    .Select(text => JsonNode.Parse(text)!)];
                return;
            }
            var info = PlatformJson.Config.GetTypeInfo(type);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    foreach (var property in info.Properties) Walk(property.PropertyType);
                    foreach (var derived in info.PolymorphismOptions?.DerivedTypes ?? []) Walk(derived.DerivedType);
                    break;
                case JsonTypeInfoKind.Enumerable:
                    Walk(info.ElementType!);
                    break;
                case JsonTypeInfoKind.Dictionary:
                    Walk(info.KeyType!);
                    Walk(info.ElementType!);
                    break;
            }
        }
    }
}
