using InteractionLab.Domain.Dialogue;

namespace InteractionLab.Domain.Tests;

/// <summary>
/// The prompt policy of <see cref="PromptWindow"/>. Token counts are made simple to work by hand: the fixed part of the
/// prompt is 10 tokens and each turn is as many tokens as its text has characters.
/// </summary>
public sealed class PromptWindowTests
{
    private static int Count(IReadOnlyList<ConversationTurn> kept) => 10 + kept.Sum(t => t.Text.Length);

    private static ConversationTurn P(int index, string text) => new(index, TurnRole.Participant, text);
    private static ConversationTurn M(int index, string text) => new(index, TurnRole.Model, text);

    [Fact]
    public void OldestWholeExchangesAreDroppedUntilPromptAndReplyFitTheWindow()
    {
        // Exchanges: [0,1] = 4+4 = 8, [2,3] = 4+4 = 8, [4] = the message being answered, 4.
        // Keeping all: 10 + 8 + 8 + 4 = 30 tokens, plus a reply of 5 = 35 > 30.
        // Dropping [0,1]: 10 + 8 + 4 = 22, plus 5 = 27 <= 30: it fits.
        IReadOnlyList<ConversationTurn> turns = [P(0, "aaaa"), M(1, "bbbb"), P(2, "cccc"), M(3, "dddd"), P(-1, "eeee")];

        var selection = PromptWindow.Select(turns, contextLength: 30, maxNewTokens: 5, Count);

        Assert.Equal([2, 3, -1], selection.Kept.Select(t => t.Index));
        Assert.Equal([0, 1], selection.DroppedForContext);
        Assert.Empty(selection.WithoutReply);
    }

    [Fact]
    public void TheMessageBeingAnsweredIsKeptEvenWhenNothingFits()
    {
        // 10 + 4 + 4 + 4 = 22 already, and a reply of 50 would need 72 of a 30-token window: only the newest stays.
        IReadOnlyList<ConversationTurn> turns = [P(0, "aaaa"), M(1, "bbbb"), P(-1, "cccc")];

        var selection = PromptWindow.Select(turns, contextLength: 30, maxNewTokens: 50, Count);

        Assert.Equal([-1], selection.Kept.Select(t => t.Index));
        Assert.Equal([0, 1], selection.DroppedForContext);
    }

    [Fact]
    public void AnExchangeWhoseReplyWasLostIsLeftOutSoNoTwoParticipantLinesFollowEachOther()
    {
        // Turn 1 is a reply that failed before its first word; in older sessions such a reply is missing altogether
        // (turn 2 follows turn 3's message directly). Neither exchange reaches the prompt.
        IReadOnlyList<ConversationTurn> turns = [P(0, "lost"), M(1, ""), P(2, "also lost"), P(3, "kept"), M(4, "reply"), P(-1, "now")];

        var selection = PromptWindow.Select(turns, contextLength: null, maxNewTokens: 5, Count);

        Assert.Equal([3, 4, -1], selection.Kept.Select(t => t.Index));
        Assert.Equal([0, 1, 2], selection.WithoutReply);
        Assert.Empty(selection.DroppedForContext);
        Assert.DoesNotContain(selection.Kept.Zip(selection.Kept.Skip(1)), pair => pair.First.Role == pair.Second.Role);
    }

    [Fact]
    public void AnUnknownWindowKeepsTheWholeConversation()
    {
        IReadOnlyList<ConversationTurn> turns = [P(0, new string('a', 500)), M(1, "b"), P(-1, "c")];

        var selection = PromptWindow.Select(turns, contextLength: null, maxNewTokens: 5000, Count);

        Assert.Equal(3, selection.Kept.Count);
        Assert.Empty(selection.DroppedForContext);
    }
}
