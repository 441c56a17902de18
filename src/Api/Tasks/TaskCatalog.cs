using System.Reflection;

namespace InteractionLab.Api.Tasks;

/// <summary>Every task type the platform knows, by key (filled by <see cref="TaskCatalogExtensions.AddTaskCatalog"/>).</summary>
public sealed class TaskCatalog(IEnumerable<ITaskType> types)
{
    private readonly Dictionary<string, ITaskType> _byKey = types.ToDictionary(t => t.Key, StringComparer.Ordinal);

    /// <summary>
    /// Every task type (a public class implementing <see cref="ITaskType"/> with a parameterless constructor) in this
    /// assembly and in <paramref name="more"/>.
    /// </summary>
    public static IReadOnlyList<ITaskType> Discover(params Assembly[] more) =>
        more.Prepend(typeof(ITaskType).Assembly).Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(ITaskType).IsAssignableFrom(t))
            .Select(t => (ITaskType)Activator.CreateInstance(t)!)
            .ToList();

    /// <summary>The catalog of every discovered task type (what the platform registers; handy for tests).</summary>
    public static TaskCatalog Discovered() => new(Discover());

    /// <summary>All task types, by name.</summary>
    public IReadOnlyList<ITaskType> All => _byKey.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>The task type with this key, or null.</summary>
    public ITaskType? Find(string? key) => key is not null && _byKey.TryGetValue(key, out var type) ? type : null;

    /// <summary>The task type with this key; a clear problem for a study that names an unknown one.</summary>
    public ITaskType Get(string key) => Find(key)
        ?? throw PlatformProblemException.BadInput($"There is no task type '{key}'. Known task types: {string.Join(", ", _byKey.Keys.Order())}.");
}
