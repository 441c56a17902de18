namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>One sentence on the participant's list.</summary>
/// <param name="Id">Id given when it was added (removal names it).</param>
/// <param name="Text">The sentence.</param>
public sealed record MetaphorSentence(string Id, string Text);

/// <summary>Shorthands for the two questions most readers ask of <see cref="MetaphorWritingProgress"/>.</summary>
public static class MetaphorSentences
{
    /// <summary>The sentences on the list after <paramref name="events"/> (adds minus removes, in order added).</summary>
    public static IReadOnlyList<MetaphorSentence> From(IEnumerable<TaskEventRecord> events) =>
        MetaphorWritingProgress.Replay(events).Sentences;

    /// <summary>The editor's text as the server last saw it (<see cref="MetaphorWritingProgress.Draft"/>).</summary>
    public static (string Text, int EventNum) LastDraft(IEnumerable<TaskEventRecord> events) =>
        MetaphorWritingProgress.Replay(events).Draft;
}
