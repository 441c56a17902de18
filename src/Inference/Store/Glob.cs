using System.Text.RegularExpressions;

namespace InteractionLab.Inference.Store;

/// <summary>Path globs for pull --include: '*' and '?' stay within a path segment, '**' crosses segments.</summary>
internal static class Glob
{
    public static bool IsMatch(string pattern, string path)
    {
        var regex = "^" + Regex.Escape(pattern)
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(path, regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
