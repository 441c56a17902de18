namespace InteractionLab.Api.Stimuli;

/// <summary>
/// How a task type's stimuli are uploaded: the kind of set, the documented file formats, the parser that turns a
/// file into the normalised items (a JSON array the task component reads), and the demo sets the project ships.
/// </summary>
public abstract class StimulusFormat
{
    /// <summary>Kind of stimulus set, e.g. <c>qa-items</c>, <c>crossword</c>, <c>documents</c>, <c>metaphor-seeds</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Documentation of the accepted files (Markdown), shown on the upload page.</summary>
    public abstract string Documentation { get; }

    /// <summary>File extensions accepted, with the dot (<c>.csv</c>, <c>.jsonl</c>, <c>.json</c>).</summary>
    public abstract IReadOnlyList<string> Extensions { get; }

    /// <summary>The sets that ship with the project (written by us).</summary>
    public abstract IReadOnlyList<DemoStimulusSet> DemoSets { get; }

    /// <summary>
    /// Parses an uploaded file. Either the items (a JSON array) with no problems, or the problems found — every
    /// one of them, with its line — so a researcher can fix the file in one go.
    /// </summary>
    public abstract StimulusParseResult Parse(string fileName, string content);
}
