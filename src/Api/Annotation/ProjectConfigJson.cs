using System.Text.Json;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Annotation;

/// <summary>Project configs as stored and hashed: the study config's JSON settings (camelCase, kebab-case enums).</summary>
public static class ProjectConfigJson
{
    /// <summary>Reads a stored config.</summary>
    public static AnnotationProjectConfig Parse(string json) =>
        JsonSerializer.Deserialize<AnnotationProjectConfig>(json, ConfigHash.Json) ?? throw new JsonException("The project config is empty.");

    /// <summary>The canonical JSON to store and its SHA-256.</summary>
    public static (string Json, string Hash) Write(AnnotationProjectConfig config) => (ConfigHash.CanonicalOf(config), ConfigHash.ComputeOf(config));
}
