namespace InteractionLab.Api.Tasks.QuestionAnswering;

/// <summary>One multiple-choice question as the task reads it (the normalised form of every upload format).</summary>
/// <param name="Id">Item id, unique in its set (recorded in events and with the assistant's turns).</param>
/// <param name="Question">The question.</param>
/// <param name="Options">The answer options, in the order shown; option k has the choice letter a, b, c… (see <see cref="Letter"/>).</param>
/// <param name="Answer">The right option's choice letter.</param>
/// <param name="AttentionCheck">True for the attention check: shown like the others, left out of accuracy.</param>
public sealed record QaItem(string Id, string Question, IReadOnlyList<string> Options, string Answer, bool AttentionCheck = false)
{
    /// <summary>Most options a question may have (one letter each).</summary>
    public const int MaxOptions = 26;

    /// <summary>The choice letter of option <paramref name="index"/> (0 → <c>a</c>).</summary>
    public static string Letter(int index) => ((char)('a' + index)).ToString();
}
