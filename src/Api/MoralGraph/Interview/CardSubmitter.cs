using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.MoralGraph;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>Stores the card now shown in a chat as a canonical value (<see cref="ValueCanonicalizer"/>) and closes the chat.</summary>
internal sealed class CardSubmitter(IDbContextFactory<PlatformDbContext> dbFactory, ValueCanonicalizer canonicalizer, TaskEventLog events, TimeProvider time)
{
    public async Task SubmitAsync(InterviewCall call, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await db.InterviewChats.SingleAsync(c => c.Id == call.Chat.Id, ct);
        var card = CardDrafts.Deserialize(chat.CardJson)
            ?? throw PlatformProblemException.Conflict("Ask for your values card first; it can be submitted once it is shown.");
        var session = call.Stage.Session;
        var choice = await canonicalizer.ChooseAsync(db, session.StudyId, chat.QuestionId, card, call.Stage.Model, ct);
        var now = time.GetUtcNow();
        var record = new ValuesCardRecord
        {
            StudyId = session.StudyId, ValueId = choice.ValueId, Title = card.Title, Description = card.Description,
            PoliciesJson = JsonSerializer.Serialize(card.AttentionalPolicies), AuthorParticipantId = session.ParticipantId,
            AuthorPseudonym = InterviewService.Pseudonym(session.ParticipantId), QuestionId = chat.QuestionId, CreatedAt = now,
            Source = MoralGraphSource.Interview, SessionId = session.Id.Value, ChatId = chat.Id, Similarity = choice.Similarity,
            ClosestValueId = choice.ClosestValueId, CanonicalDecision = choice.Decision,
        };
        db.ValuesCards.Add(record);
        chat.SubmittedAt = now;
        // The card and the chat's submission are one change: a card is never stored twice or lost half-way.
        await db.SaveChangesAsync(CancellationToken.None);
        await events.AppendAsync(call.Id, chat.StageKey, MoralInterviewTask.CardSubmitted, new
        {
            chatId = chat.Id, cardId = record.Id, valueId = record.ValueId, decision = choice.Decision,
            similarity = choice.Similarity, closestValueId = choice.ClosestValueId,
        }, CancellationToken.None);
    }

    /// <summary>Whether the chat has a card shown now (the tool <c>submit_values_card</c> needs one).</summary>
    public async Task<bool> HasCardAsync(InterviewCall call, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.InterviewChats.Where(c => c.Id == call.Chat.Id).Select(c => c.CardJson).SingleAsync(ct) is not null;
    }
}
