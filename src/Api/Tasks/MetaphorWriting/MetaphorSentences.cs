namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>One sentence on the participant's list.</summary>
/// <param name="Id">Id given when it was added (removal names it).</param>
/// <param name="Text">The sentence.</param>
public sealed record MetaphorSentence(string Id, string Text);

/// <summary>What the stage's server events say: the sentence list and the last saved editor text.</summary>
public static class MetaphorSentences
{
    /// <summary>The sentences on the list after <paramref name="events"/> (adds minus removes, in order added).</summary>
    public static IReadOnlyList<MetaphorSentence> From(IEnumerable<TaskEventRecord> events)
    {
        var list = new List<MetaphorSentence>();
        foreach (var e in events)
        {
            if (e.Type == MetaphorWritingTask.SentenceAdd && e.Text("id") is { } id && e.Text("text") is { } text) list.Add(new(id, text));
            else if (e.Type == MetaphorWritingTask.SentenceRemove && e.Text("id") is { } removed) list.RemoveAll(s => s.Id == removed);
        }
        return list;
    }

    /// <summary>
    /// The editor's text as the server last saw it and the editor event number it belongs to: the last draft, or an
    /// empty editor right after a sentence was added (adding clears the editor with the next event).
    /// </summary>
    public static (string Text, int EventNum) LastDraft(IEnumerable<TaskEventRecord> events)
    {
        var draft = ("", 0);
        foreach (var e in events)
        {
            var num = (int)(e.Number("eventNum") ?? 0);
            if (e.Type == MetaphorWritingTask.Draft && num >= draft.Item2) draft = (e.Text("text") ?? "", num);
            else if (e.Type == MetaphorWritingTask.SentenceAdd && num + 1 >= draft.Item2) draft = ("", num + 1);
        }
        return draft;
    }
}
