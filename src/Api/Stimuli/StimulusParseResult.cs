using System.Text.Json;

namespace InteractionLab.Api.Stimuli;

/// <summary>The outcome of parsing a stimulus file.</summary>
/// <param name="Items">The normalised items (a JSON array); null when there were problems.</param>
/// <param name="Count">Number of items.</param>
/// <param name="Problems">What is wrong, by line (empty when the file is good).</param>
public sealed record StimulusParseResult(JsonElement? Items, int Count, IReadOnlyList<StimulusProblem> Problems)
{
    /// <summary>A good file.</summary>
    public static StimulusParseResult Ok<T>(IReadOnlyList<T> items) =>
        new(JsonSerializer.SerializeToElement(items, Tasks.TaskEventLog.Json), items.Count, []);

    /// <summary>A file with problems.</summary>
    public static StimulusParseResult Failed(IReadOnlyList<StimulusProblem> problems) => new(null, 0, problems);
}

/// <summary>One problem in a stimulus file.</summary>
/// <param name="Line">1-based line (or JSON line) it is on; null for the file as a whole.</param>
/// <param name="Message">What is wrong, in words a researcher understands.</param>
public sealed record StimulusProblem(int? Line, string Message);
