using System.Runtime.CompilerServices;

namespace InteractionLab.Domain.Tests.Fixtures;

/// <summary>Finds the fixture files: in the test output's Fixtures folder when the project copies them
/// there, else next to this source file (the path the compiler recorded), so tests run either way.</summary>
internal static class FixtureFiles
{
    public static string PathOf(string name) => PathOf(name, SourceDirectory());

    public static IReadOnlyList<string> CoAuthorSessions() =>
        ["coauthor-session-story.jsonl", "coauthor-session-metaphor.jsonl", "coauthor-session-malformed.jsonl"];

    private static string PathOf(string name, string sourceDirectory)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        return File.Exists(copied) ? copied : Path.Combine(sourceDirectory, name);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
