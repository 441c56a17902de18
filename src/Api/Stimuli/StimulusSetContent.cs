using System.Text.Json;

namespace InteractionLab.Api.Stimuli;

/// <summary>A stimulus set as a task reads it.</summary>
/// <param name="Key">Key studies use.</param>
/// <param name="Name">Name shown to researchers.</param>
/// <param name="Kind">Kind (which task format).</param>
/// <param name="Items">The normalised items (JSON array).</param>
/// <param name="Count">Number of items.</param>
/// <param name="BuiltIn">True for a demo set shipped with the project.</param>
public sealed record StimulusSetContent(string Key, string Name, string Kind, JsonElement Items, int Count, bool BuiltIn)
{
    /// <summary>The items as <typeparamref name="T"/> (web JSON naming).</summary>
    public IReadOnlyList<T> ItemsAs<T>() => Items.Deserialize<List<T>>(Tasks.TaskEventLog.Json) ?? [];
}
