using InteractionLab.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InteractionLab.Api.Data;

/// <summary>
/// Makes every text EF Core saves storable on both providers (<see cref="StorableText"/>): a NUL or half an emoji in a
/// message, a survey answer or a model's reply would be stored by SQLite and refused by PostgreSQL, so a study piloted on
/// the embedded default would fail in production. JSON columns get the JSON rules (escapes, numbers).
/// </summary>
public sealed class StorableTextInterceptor : SaveChangesInterceptor
{
    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Clean(eventData.Context);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Clean(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Clean(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
                if (property.Metadata.ClrType == typeof(string) && (entry.State == EntityState.Added || property.IsModified))
                    Clean(property);
        }
    }

    private static void Clean(PropertyEntry property)
    {
        if (property.CurrentValue is not string text) return;
        var clean = property.Metadata.FindAnnotation(JsonColumn.Annotation) is not null ? StorableText.Json(text).Json : StorableText.Clean(text);
        if (!ReferenceEquals(clean, text)) property.CurrentValue = clean;
    }
}
