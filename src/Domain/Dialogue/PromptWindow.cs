namespace InteractionLab.Domain.Dialogue;

/// <summary>
/// Which turns of a conversation go into the prompt for the next reply. The policy, applied in this order:
/// <list type="number">
/// <item>The conversation is cut into exchanges: a participant's message with the model's replies to it.</item>
/// <item>An exchange whose replies are all empty (the reply failed, was cut off or stopped before its first word — or,
/// in sessions recorded before replies were stored from the request, is missing) is left out, so a prompt never has
/// two participant lines in a row. The participant sees such a reply marked and sends their message again.</item>
/// <item>The oldest whole exchanges are dropped until the prompt (the fixed part — system prompt or few-shot header —
/// plus the kept turns) and the reply's <c>maxNewTokens</c> fit the model's context window. The fixed part and the newest
/// exchange (the message being answered) are always kept; if even they leave no room, the model gets them and the
/// engine shortens the reply to the room there is.</item>
/// </list>
/// Both kinds of left-out turns are recorded on the model turn, so every prompt can be reconstructed.
/// </summary>
public static class PromptWindow
{
    /// <summary>
    /// Selects the turns for the prompt. <paramref name="countTokens"/> gives the whole prompt's tokens with the given
    /// turns; <paramref name="contextLength"/> null means the window is unknown and nothing is dropped for it.
    /// </summary>
    public static PromptSelection Select(IReadOnlyList<ConversationTurn> turns, int? contextLength, int maxNewTokens,
        Func<IReadOnlyList<ConversationTurn>, int> countTokens)
    {
        var exchanges = Exchanges(turns);
        var withoutReply = new List<int>();
        var answered = new List<List<ConversationTurn>>();
        for (var i = 0; i < exchanges.Count; i++)
        {
            var exchange = exchanges[i];
            var newest = i == exchanges.Count - 1;
            if (!newest && !exchange.Any(t => t.Role == TurnRole.Model && t.Text.Length > 0))
                withoutReply.AddRange(exchange.Select(t => t.Index));
            else
                answered.Add(exchange.Where(t => t.Role == TurnRole.Participant || t.Text.Length > 0).ToList());
        }

        var drop = 0;
        if (contextLength is { } window)
            while (drop < answered.Count - 1 && countTokens(Flatten(answered, drop)) + maxNewTokens > window) drop++;
        var dropped = answered.Take(drop).SelectMany(e => e).Select(t => t.Index).ToList();
        return new PromptSelection(Flatten(answered, drop), dropped, withoutReply);
    }

    // A new exchange starts at each participant message; replies before the first message form one of their own.
    private static List<List<ConversationTurn>> Exchanges(IReadOnlyList<ConversationTurn> turns)
    {
        var exchanges = new List<List<ConversationTurn>>();
        foreach (var turn in turns)
        {
            if (turn.Role == TurnRole.Participant || exchanges.Count == 0) exchanges.Add([]);
            exchanges[^1].Add(turn);
        }
        return exchanges;
    }

    private static List<ConversationTurn> Flatten(List<List<ConversationTurn>> exchanges, int skip) =>
        exchanges.Skip(skip).SelectMany(e => e).ToList();
}
