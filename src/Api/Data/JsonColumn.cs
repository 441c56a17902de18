using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data;

/// <summary>Marks string properties that hold JSON read whole: jsonb on PostgreSQL, text on SQLite.</summary>
public static class JsonColumn
{
    /// <summary>Model annotation name.</summary>
    public const string Annotation = "InteractionLab:Json";

    /// <summary>Stores the (string) property as a JSON column.</summary>
    public static PropertyBuilder<T> IsJson<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(Annotation, true);
}
