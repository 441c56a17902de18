using System.Text.Json;
using System.Text.Json.Nodes;

namespace InteractionLab.Domain.Studies;

/// <summary>
/// A structural diff of two study configs over their canonical JSON, one entry per path that differs
/// (<c>stages[2].survey.items[0].prompt: "A" → "B"</c>). Lists of things with a <c>key</c> (stages, items,
/// conditions) are matched by key, so inserting a stage shows one added stage rather than every later one changed.
/// </summary>
public static class ConfigDiff
{
    /// <summary>Differences from <paramref name="before"/> to <paramref name="after"/>, in document order.</summary>
    public static IReadOnlyList<ConfigDiffEntry> Compare(StudyConfig before, StudyConfig after) =>
        Compare(JsonNode.Parse(ConfigHash.Canonical(before)), JsonNode.Parse(ConfigHash.Canonical(after)));

    /// <summary>Differences between two JSON documents.</summary>
    public static IReadOnlyList<ConfigDiffEntry> Compare(JsonNode? before, JsonNode? after)
    {
        var entries = new List<ConfigDiffEntry>();
        Walk("", before, after, entries);
        return entries;
    }

    private static void Walk(string path, JsonNode? a, JsonNode? b, List<ConfigDiffEntry> entries)
    {
        // A null property and a missing one mean the same to a researcher: the setting is not there.
        if (IsAbsent(a) && IsAbsent(b)) return;
        if (IsAbsent(a)) { entries.Add(new(path, ConfigDiffKind.Added, null, Text(b))); return; }
        if (IsAbsent(b)) { entries.Add(new(path, ConfigDiffKind.Removed, Text(a), null)); return; }
        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                foreach (var name in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)).Order(StringComparer.Ordinal))
                    Walk(Join(path, name), oa[name], ob[name], entries);
                break;
            case (JsonArray xa, JsonArray xb) when Keys(xa) is { } ka && Keys(xb) is { } kb:
                WalkKeyed(path, xa, ka, xb, kb, entries);
                break;
            case (JsonArray xa, JsonArray xb):
                for (var i = 0; i < Math.Max(xa.Count, xb.Count); i++)
                    Walk($"{path}[{i}]", i < xa.Count ? xa[i] : null, i < xb.Count ? xb[i] : null, entries);
                break;
            default:
                if (!JsonNode.DeepEquals(a, b)) entries.Add(new(path, ConfigDiffKind.Changed, Text(a), Text(b)));
                break;
        }
    }

    // Removed elements are named by their old position, added and matched ones by their new position.
    private static void WalkKeyed(string path, JsonArray a, List<string> ka, JsonArray b, List<string> kb, List<ConfigDiffEntry> entries)
    {
        for (var i = 0; i < ka.Count; i++)
            if (!kb.Contains(ka[i])) entries.Add(new($"{path}[{i}]", ConfigDiffKind.Removed, Text(a[i]), null));
        for (var j = 0; j < kb.Count; j++)
        {
            var i = ka.IndexOf(kb[j]);
            if (i < 0) entries.Add(new($"{path}[{j}]", ConfigDiffKind.Added, null, Text(b[j])));
            else Walk($"{path}[{j}]", a[i], b[j], entries);
        }
        var keptBefore = ka.Where(kb.Contains).ToList();
        var keptAfter = kb.Where(ka.Contains).ToList();
        if (!keptBefore.SequenceEqual(keptAfter))
            entries.Add(new(path + ".order", ConfigDiffKind.Changed, string.Join(", ", keptBefore), string.Join(", ", keptAfter)));
    }

    // The keys of an array whose elements are all objects with distinct string keys; otherwise null.
    private static List<string>? Keys(JsonArray array)
    {
        var keys = new List<string>(array.Count);
        foreach (var element in array)
        {
            if (element is not JsonObject o || o["key"] is not JsonValue v || !v.TryGetValue<string>(out var key)) return null;
            keys.Add(key);
        }
        return keys.Count > 0 && keys.Distinct(StringComparer.Ordinal).Count() == keys.Count ? keys : null;
    }

    private static bool IsAbsent(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string? Text(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

/// <summary>What happened at a path.</summary>
public enum ConfigDiffKind
{
    /// <summary>Present only in the newer config.</summary>
    Added,
    /// <summary>Present only in the older config.</summary>
    Removed,
    /// <summary>Present in both with different values.</summary>
    Changed,
}

/// <summary>One difference between two configs.</summary>
/// <param name="Path">Where, e.g. <c>stages[2].survey.items[0].prompt</c>; <c>….order</c> when only the order of keyed elements changed.</param>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Before">The older value as compact JSON (null when added).</param>
/// <param name="After">The newer value as compact JSON (null when removed).</param>
public sealed record ConfigDiffEntry(string Path, ConfigDiffKind Kind, string? Before, string? After)
{
    /// <summary>One line: <c>path: before → after</c>, <c>path: + value</c> or <c>path: − value</c>.</summary>
    public override string ToString() => Kind switch
    {
        ConfigDiffKind.Added => $"{Path}: + {After}",
        ConfigDiffKind.Removed => $"{Path}: − {Before}",
        _ => $"{Path}: {Before} → {After}",
    };
}
