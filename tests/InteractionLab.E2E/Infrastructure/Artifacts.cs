namespace InteractionLab.E2E.Infrastructure;

/// <summary>Where test artifacts go: <c>$INTERACTIONLAB_ARTIFACTS</c>, else <c>artifacts/</c> at the repository root.</summary>
public static class Artifacts
{
    /// <summary>The screenshots folder (created on first use).</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(Root(), "screenshots")).FullName;

    private static string Root()
    {
        if (Environment.GetEnvironmentVariable("INTERACTIONLAB_ARTIFACTS") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InteractionLab.sln"))) return Path.Combine(dir.FullName, "artifacts");
        return Path.GetFullPath("artifacts");
    }
}
