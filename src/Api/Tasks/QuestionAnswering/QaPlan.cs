using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks.QuestionAnswering;

/// <summary>One question as a participant meets it.</summary>
/// <param name="Item">The question.</param>
/// <param name="Position">0-based place in this participant's sequence.</param>
/// <param name="Assisted">Whether the assistant panel is enabled on it.</param>
public sealed record QaPlanItem(QaItem Item, int Position, bool Assisted);

/// <summary>
/// Which questions a participant sees in which order, and on which of them the assistant helps. As in HALIE, a
/// block of <c>assisted-count</c> consecutive questions (attention checks aside) has the assistant, at the start
/// or at the end of the sequence; counterbalanced studies alternate by participant so that order effects cancel.
/// </summary>
public static class QaPlan
{
    /// <summary>Setting: how many non-attention-check questions have the assistant.</summary>
    public const string AssistedCountSetting = "assisted-count";
    /// <summary>Setting: where the assisted block goes (<see cref="Counterbalanced"/>, <see cref="AssistedFirst"/> or <see cref="AssistedLast"/>).</summary>
    public const string OrderSetting = "order";
    /// <summary>Order value: even participant ordinals get the assistant first, odd ones last.</summary>
    public const string Counterbalanced = "counterbalanced";
    /// <summary>Order value: the assisted questions come first.</summary>
    public const string AssistedFirst = "assisted-first";
    /// <summary>Order value: the assisted questions come last.</summary>
    public const string AssistedLast = "assisted-last";
    /// <summary>Default of <see cref="AssistedCountSetting"/>.</summary>
    public const int DefaultAssistedCount = 5;

    /// <summary>Whether this participant gets the assisted block first (an unknown value counts as counterbalanced).</summary>
    public static bool IsAssistedFirst(string order, int participantOrdinal) => order.Trim().ToLowerInvariant() switch
    {
        AssistedFirst => true,
        AssistedLast => false,
        _ => participantOrdinal % 2 == 0,
    };

    /// <summary>
    /// The sequence: <paramref name="items"/> in <paramref name="order"/> (indices into it), with the assistant on
    /// the first or last <paramref name="assistedCount"/> questions that are not attention checks (at most all of them).
    /// </summary>
    public static IReadOnlyList<QaPlanItem> Build(IReadOnlyList<QaItem> items, IReadOnlyList<int> order, int assistedCount, bool assistedFirst)
    {
        var sequence = order.Select(i => items[i]).ToList();
        var scored = sequence.Select((item, position) => (item, position)).Where(x => !x.item.AttentionCheck).Select(x => x.position).ToList();
        var count = Math.Clamp(assistedCount, 0, scored.Count);
        var assisted = (assistedFirst ? scored.Take(count) : scored.Skip(scored.Count - count)).ToHashSet();
        return sequence.Select((item, position) => new QaPlanItem(item, position, assisted.Contains(position))).ToList();
    }

    /// <summary>The sequence for a task session: its stage's settings, item order and participant ordinal.</summary>
    public static IReadOnlyList<QaPlanItem> For(ITaskSession session, IReadOnlyList<QaItem> items) => Build(
        items,
        session.ItemOrder(items.Count),
        session.Task.IntSetting(AssistedCountSetting, DefaultAssistedCount),
        IsAssistedFirst(session.Task.Setting(OrderSetting, Counterbalanced), session.ParticipantOrdinal));

    /// <summary>The prompt the model gets: the stage's template with <c>{question}</c> and <c>{query}</c> filled in.</summary>
    public static string Prompt(TaskConfig task, QaItem item, string query) =>
        task.Setting(QuestionAnsweringTask.PromptSetting, QuestionAnsweringTask.DefaultPrompt)
            .Replace("{question}", item.Question, StringComparison.Ordinal)
            .Replace("{query}", query, StringComparison.Ordinal);
}
