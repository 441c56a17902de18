using System.Text.Json;

namespace InteractionLab.Api.Tasks.QuestionAnswering;

/// <summary>
/// A participant's way through the questions: which were shown (in order, and whether the assistant was on), which
/// they left with Next, and the answer chosen to each (the last choice counts). The participant page changes it
/// through the same methods that <see cref="Replay"/> applies to the stored <c>qa.</c> events, so the page after a
/// reload, the admin replay and the metrics see exactly what the participant saw.
/// </summary>
public sealed class QaProgress
{
    private readonly List<string> _shownOrder = [];
    private readonly Dictionary<string, bool> _assisted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _left = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _answers = new(StringComparer.Ordinal);

    /// <summary>The questions shown, each once, in the order first shown.</summary>
    public IReadOnlyList<string> ShownOrder => _shownOrder;

    /// <summary>How many questions the stage has, as recorded with the questions shown (0 before the first).</summary>
    public int Count { get; private set; }

    /// <summary>How many questions have an answer.</summary>
    public int Answered => _answers.Count;

    /// <summary>Whether <paramref name="item"/> was shown.</summary>
    public bool WasShown(string item) => _assisted.ContainsKey(item);

    /// <summary>Whether the assistant was on when <paramref name="item"/> was first shown.</summary>
    public bool Assisted(string item) => _assisted.GetValueOrDefault(item);

    /// <summary>Whether the participant left <paramref name="item"/> with Next (or Finish).</summary>
    public bool WasLeft(string item) => _left.Contains(item);

    /// <summary>The option letter chosen for <paramref name="item"/>, or null.</summary>
    public string? ChoiceOf(string item) => _answers.GetValueOrDefault(item);

    /// <summary>
    /// Remembers that <paramref name="item"/> was shown, with the assistant on or off, among <paramref name="count"/>
    /// questions; false when it was shown before (nothing to record: the first showing counts).
    /// </summary>
    public bool Show(string item, bool assisted, int count)
    {
        Count = Math.Max(Count, count);
        if (!_assisted.TryAdd(item, assisted)) return false;
        _shownOrder.Add(item);
        return true;
    }

    /// <summary>Chooses <paramref name="choice"/> for <paramref name="item"/>, replacing an earlier choice.</summary>
    public void Choose(string item, string choice) => _answers[item] = choice;

    /// <summary>Remembers that the participant left <paramref name="item"/>; false when they had already.</summary>
    public bool Leave(string item) => _left.Add(item);

    /// <summary>
    /// Where the participant is in <paramref name="plan"/>: the first question not left yet, or the last one when
    /// every question was left.
    /// </summary>
    public int Position(IReadOnlyList<QaPlanItem> plan)
    {
        for (var i = 0; i < plan.Count; i++)
            if (!_left.Contains(plan[i].Item.Id)) return i;
        return plan.Count - 1;
    }

    /// <summary>Applies one stored event (other events, and events without an item, are ignored).</summary>
    public void Apply(TaskEventRecord e)
    {
        if (e.Text("item") is not { } item) return;
        switch (e.Type)
        {
            case QuestionAnsweringTask.Shown:
                Show(item, e.Payload.TryGetProperty("assisted", out var a) && a.ValueKind == JsonValueKind.True, (int)(e.Number("count") ?? 0));
                break;
            case QuestionAnsweringTask.Next:
                Leave(item);
                break;
            case QuestionAnsweringTask.Answer when e.Text("choice") is { } choice:
                Choose(item, choice);
                break;
        }
    }

    /// <summary>The progress after <paramref name="events"/>, in order.</summary>
    public static QaProgress Replay(IEnumerable<TaskEventRecord> events)
    {
        var progress = new QaProgress();
        foreach (var e in events) progress.Apply(e);
        return progress;
    }
}
