namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>
/// What the stage's server events say: whether the seed was shown, the participant's sentence list (adds minus
/// removes, in the order added) and the editor's text as the server last saw it. The participant page changes it
/// through the same methods that <see cref="Replay"/> applies to the stored <c>metaphor.</c> events, so the list after
/// a reload — and the list the completion rule and annotation intake read — is the list the participant saw.
/// Keystrokes are not here: they are the browser's <c>writing.</c> trace, replayed by the Domain's CoAuthor reader.
/// </summary>
public sealed class MetaphorWritingProgress
{
    private readonly List<MetaphorSentence> _sentences = [];

    /// <summary>Whether the seed metaphor was shown (recorded).</summary>
    public bool SeedShown { get; private set; }

    /// <summary>The sentences on the list, in the order added.</summary>
    public IReadOnlyList<MetaphorSentence> Sentences => _sentences;

    /// <summary>
    /// The editor's text as the server last saw it and the editor event number it belongs to: the last draft, or an
    /// empty editor right after a sentence was added (adding clears the editor with the next event).
    /// </summary>
    public (string Text, int EventNum) Draft { get; private set; } = ("", 0);

    /// <summary>Puts <paramref name="sentence"/> on the list; the editor, cleared after editor event <paramref name="eventNum"/>, is empty.</summary>
    public void Add(MetaphorSentence sentence, int eventNum)
    {
        _sentences.Add(sentence);
        Cleared(eventNum);
    }

    /// <summary>Takes the sentence <paramref name="id"/> off the list.</summary>
    public void Remove(string id) => _sentences.RemoveAll(s => s.Id == id);

    /// <summary>Remembers the editor's saved text, unless a later editor state is already known.</summary>
    public void SaveDraft(string text, int eventNum)
    {
        if (eventNum >= Draft.EventNum) Draft = (text, eventNum);
    }

    /// <summary>Applies one stored event (other events are ignored).</summary>
    public void Apply(TaskEventRecord e)
    {
        var num = (int)(e.Number("eventNum") ?? 0);
        switch (e.Type)
        {
            case MetaphorWritingTask.SeedShown:
                SeedShown = true;
                break;
            case MetaphorWritingTask.Draft:
                SaveDraft(e.Text("text") ?? "", num);
                break;
            case MetaphorWritingTask.SentenceAdd:
                if (e.Text("id") is { } id && e.Text("text") is { } text) _sentences.Add(new MetaphorSentence(id, text));
                Cleared(num);
                break;
            case MetaphorWritingTask.SentenceRemove when e.Text("id") is { } removed:
                Remove(removed);
                break;
        }
    }

    private void Cleared(int eventNum)
    {
        if (eventNum + 1 >= Draft.EventNum) Draft = ("", eventNum + 1);
    }

    /// <summary>The progress after <paramref name="events"/>, in order.</summary>
    public static MetaphorWritingProgress Replay(IEnumerable<TaskEventRecord> events)
    {
        var progress = new MetaphorWritingProgress();
        foreach (var e in events) progress.Apply(e);
        return progress;
    }
}
