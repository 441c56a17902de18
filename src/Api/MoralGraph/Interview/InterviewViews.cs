using InteractionLab.Api.Tasks;
using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>Everything the participant page shows of a values interview stage (also what a reload resumes from).</summary>
/// <param name="Questions">The questions to choose from.</param>
/// <param name="Chat">The current chat (the newest), or null before a question was chosen.</param>
/// <param name="SubmittedCards">How many cards the participant submitted in this stage.</param>
/// <param name="MergeToConfirm">A submitted card that joined an existing value and awaits "does it still represent your value?".</param>
public sealed record InterviewState(
    IReadOnlyList<InterviewQuestion> Questions,
    InterviewChatView? Chat,
    int SubmittedCards,
    MergeToConfirm? MergeToConfirm);

/// <summary>One chat as the participant sees it.</summary>
/// <param name="Id">Chat id.</param>
/// <param name="Question">The chosen question.</param>
/// <param name="Turns">The chat's messages in order.</param>
/// <param name="Card">The card shown now, or null.</param>
/// <param name="Problems">Its rule problems (advice; the card can still be submitted).</param>
/// <param name="Submitted">Whether it was submitted.</param>
/// <param name="UsesFallback">True when cards are offered through the structured-output fallback (then the participant may ask for one).</param>
public sealed record InterviewChatView(
    Guid Id,
    InterviewQuestion Question,
    IReadOnlyList<TaskTurn> Turns,
    ValuesCard? Card,
    IReadOnlyList<CardProblem> Problems,
    bool Submitted,
    bool UsesFallback);

/// <summary>A submitted card that was merged into an existing value.</summary>
/// <param name="ChatId">The chat.</param>
/// <param name="ValueId">The value it joined.</param>
/// <param name="Value">That value's card (its first card).</param>
public sealed record MergeToConfirm(Guid ChatId, string ValueId, ValuesCard Value);

/// <summary>One piece of a streamed interviewer turn.</summary>
/// <param name="Text">Text of the reply, or null.</param>
/// <param name="CardShown">A (new) card is now shown: reload the state.</param>
/// <param name="Submitted">The card was submitted (the interviewer called <c>submit_values_card</c>).</param>
public sealed record InterviewUpdate(string? Text, bool CardShown = false, bool Submitted = false);
