using System.Reflection;

namespace InteractionLab.Api.Stimuli;

/// <summary>A stimulus set shipped with the project (written by us), offered in every builder.</summary>
/// <param name="Key">Key studies use (<c>demo-…</c>).</param>
/// <param name="Name">Name shown to researchers.</param>
/// <param name="FileName">Name of the file, whose extension decides how it is parsed.</param>
/// <param name="Content">The file's text, in the documented upload format.</param>
public sealed record DemoStimulusSet(string Key, string Name, string FileName, string Content)
{
    /// <summary>Reads a demo file embedded next to <paramref name="owner"/> (logical name = path below src/Api, dots for slashes).</summary>
    public static DemoStimulusSet FromResource(Type owner, string key, string name, string resourcePath)
    {
        var assembly = owner.Assembly;
        var logical = "InteractionLab.Api." + resourcePath.Replace('/', '.');
        using var stream = assembly.GetManifestResourceStream(logical)
            ?? throw new InvalidOperationException($"Demo stimulus file '{logical}' is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return new DemoStimulusSet(key, name, Path.GetFileName(resourcePath), reader.ReadToEnd());
    }
}
