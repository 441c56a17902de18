namespace InteractionLab.Testing;

/// <summary>Where the repository and the built Web app are, for tests that run the app or read the repository's files.</summary>
public static class WebApp
{
    /// <summary>The repository's root (the folder of <c>InteractionLab.sln</c>).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "InteractionLab.sln"))) root = root.Parent;
            return root?.FullName ?? throw new InvalidOperationException("InteractionLab.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The Web project folder and its built app, in the configuration these tests were built in.</summary>
    public static (string WebDir, string Dll) Locate()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var webDir = Path.Combine(RepositoryRoot, "src", "Web");
        var dll = Path.Combine(webDir, "bin", configuration, "net10.0", "InteractionLab.Web.dll");
        return File.Exists(dll) ? (webDir, dll) : throw new FileNotFoundException("Build the solution first.", dll);
    }
}
