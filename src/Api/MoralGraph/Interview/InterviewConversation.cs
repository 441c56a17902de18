using InteractionLab.Api.Data;
using InteractionLab.Domain.Dialogue;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>A chat as the interviewer reads it: its system prompt (with the question and the card now shown) and its messages.</summary>
/// <param name="System">The interviewer's system prompt.</param>
/// <param name="History">The messages so far (true = participant).</param>
internal sealed record InterviewConversation(string System, List<(bool IsUser, string Text)> History)
{
    /// <summary>
    /// Reads the chat of <paramref name="call"/> as stored. Small models on the fallback path read only a short context:
    /// they see the latest <see cref="InterviewService.FallbackHistory"/> messages (the card in the system prompt carries
    /// what was said earlier). Tool-calling endpoints get the whole chat.
    /// </summary>
    /// <remarks><paramref name="pending"/>: the participant's message being sent now (stored with the reply it asks for).</remarks>
    public static async Task<InterviewConversation> ReadAsync(IDbContextFactory<PlatformDbContext> dbFactory, InterviewCall call, CancellationToken ct, string? pending = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await db.InterviewChats.AsNoTracking().SingleAsync(c => c.Id == call.Chat.Id, ct);
        var key = chat.Id.ToString();
        var turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == call.Id && t.ItemKey == key && t.StageKey == chat.StageKey)
            .OrderBy(t => t.Index).Select(t => new { t.Role, t.Text }).ToListAsync(ct);
        var card = CardDrafts.Deserialize(chat.CardJson);
        var cardText = card is null
            ? "No card has been shown to the participant yet."
            : "The participant is now looking at this card (drafted from the conversation):\n" + CardDrafts.Serialize(card);
        var system = InterviewPrompts.InterviewerFor(chat.UsesFallback).Text.Replace("{question}", chat.QuestionText).Replace("{card}", cardText);
        var history = turns.Where(t => t.Text.Length > 0).Select(t => (t.Role == TurnRole.Participant, t.Text)).ToList();
        if (pending is not null) history.Add((true, pending));
        if (chat.UsesFallback && history.Count > InterviewService.FallbackHistory) history = history[^InterviewService.FallbackHistory..];
        return new InterviewConversation(system, history);
    }
}
