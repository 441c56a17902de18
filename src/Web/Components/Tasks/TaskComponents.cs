using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace InteractionLab.Web.Components.Tasks;

/// <summary>The participant components of the task types, found by their <see cref="TaskComponentAttribute"/>.</summary>
public sealed class TaskComponents
{
    private readonly Dictionary<string, Type> _byType;

    /// <summary>Finds every task component in the web assembly.</summary>
    public TaskComponents() : this(typeof(TaskComponents).Assembly) { }

    /// <summary>Finds every task component in <paramref name="assemblies"/>.</summary>
    public TaskComponents(params Assembly[] assemblies)
    {
        _byType = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<TaskComponentAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => x.Attribute!.TaskType, x => x.Type, StringComparer.Ordinal);
    }

    /// <summary>The component of a task type, or null when there is none.</summary>
    public Type? For(string? taskType) => taskType is not null && _byType.TryGetValue(taskType, out var type) ? type : null;
}
