namespace InteractionLab.Domain.Tests.Fixtures;

/// <summary>The fixture files, copied next to the test assembly by the project file.</summary>
internal static class FixtureFiles
{
    public static IReadOnlyList<string> CoAuthorSessions() =>
        ["coauthor-session-story.jsonl", "coauthor-session-metaphor.jsonl", "coauthor-session-malformed.jsonl"];

    public static string PathOf(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Fixture '{name}' was not copied to the test output.", path);
    }
}
