namespace InteractionLab.Domain.Validation;

/// <summary>
/// The one shape of validation problems on the platform: messages keyed by the path of the field they concern,
/// written as the JSON of the thing checked (<c>title</c>, <c>stages[2].task.maxTokens</c>, <c>form.items[0]</c>).
/// Every validator collects into one; REST returns <see cref="ToDictionary"/> as a ValidationProblem's
/// <c>errors</c>, and the admin forms show each message beside the field with that path.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> byPath = new(StringComparer.Ordinal);

    /// <summary>Whether nothing was found.</summary>
    public bool IsEmpty => byPath.Count == 0;

    /// <summary>Adds a problem at <paramref name="path"/>; the same message twice at one path counts once.</summary>
    public void Add(string path, string message)
    {
        if (!byPath.TryGetValue(path, out var list)) byPath[path] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    /// <summary>Adds every problem of <paramref name="found"/>, each path prefixed with <paramref name="prefix"/>.</summary>
    public void AddAll(IReadOnlyDictionary<string, string[]> found, string prefix = "")
    {
        foreach (var (path, messages) in found)
            foreach (var message in messages) Add(prefix + path, message);
    }

    /// <summary>The problems by path, as a ValidationProblem's <c>errors</c> (empty when valid).</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() => byPath.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Every message of <paramref name="found"/>, in order, without the paths (for logs and console output).</summary>
    public static IReadOnlyList<string> Messages(IReadOnlyDictionary<string, string[]> found) => found.SelectMany(p => p.Value).ToList();
}
