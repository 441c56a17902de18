namespace InteractionLab.Api.Stimuli;

/// <summary>The 400 problem for a stimulus file that cannot be used: every problem, keyed by its line.</summary>
public static class StimulusRefusal
{
    /// <summary>Error key of problems that concern the whole file.</summary>
    public const string FileKey = "file";

    /// <summary>The problem; its <c>errors</c> are keyed <c>line 3</c> (or <c>file</c>).</summary>
    public static PlatformProblemException For(string fileName, IReadOnlyList<StimulusProblem> problems) =>
        new(400, "The stimulus file has problems",
            $"'{fileName}' was not stored: {problems.Count} problem(s). "
                + string.Join(" ", problems.Take(5).Select(p => p.Line is { } l ? $"Line {l}: {p.Message}" : p.Message)),
            problems.GroupBy(p => p.Line is { } l ? $"line {l}" : FileKey)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
}
