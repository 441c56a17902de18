using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain;
using InteractionLab.Domain.MoralGraph;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>Reads a values interview stage as the participant sees it now (what a reload resumes from).</summary>
internal sealed class InterviewStateReader(IDbContextFactory<PlatformDbContext> dbFactory, StudyConfigCache configs, TaskEventLog events)
{
    public async Task<InterviewState> GetAsync(SessionId id, string stageKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var stage = config.Stages.FirstOrDefault(s => s.Key == stageKey && s.Task?.Type == MoralInterviewTask.TaskKey)
            ?? throw PlatformProblemException.BadInput($"This study has no values interview stage '{stageKey}'.");
        var chats = await db.InterviewChats.AsNoTracking().Where(c => c.SessionId == id && c.StageKey == stageKey)
            .OrderBy(c => c.StartedAt).ToListAsync(ct);
        var current = chats.LastOrDefault();
        InterviewChatView? view = null;
        MergeToConfirm? merge = null;
        if (current is not null)
        {
            var key = current.Id.ToString();
            var turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == id && t.StageKey == stageKey && t.ItemKey == key)
                .Where(ReplyStore.ShownOnTaskPages).OrderBy(t => t.Index)
                .Select(t => new TaskTurn(t.Index, t.Role, t.Text, t.ItemKey, t.ChoiceIndex, t.StoppedByParticipant)).ToListAsync(ct);
            view = new InterviewChatView(current.Id, new InterviewQuestion(current.QuestionId, current.QuestionText), turns,
                CardDrafts.Deserialize(current.CardJson), Problems(current.CardProblemsJson), current.SubmittedAt is not null, current.UsesFallback);
            merge = await MergeToConfirmAsync(db, id, stageKey, current, ct);
        }
        return new InterviewState(MoralInterviewTask.Questions(stage.Task!), view, chats.Count(c => c.SubmittedAt is not null), merge);
    }

    // A card that joined an existing value asks "does it still represent your value?" until answered.
    private async Task<MergeToConfirm?> MergeToConfirmAsync(PlatformDbContext db, SessionId id, string stageKey, InterviewChat chat, CancellationToken ct)
    {
        var card = await db.ValuesCards.AsNoTracking().FirstOrDefaultAsync(c => c.ChatId == chat.Id, ct);
        if (card is not { CanonicalDecision: "merged-identical" or "merged-confirmed" }) return null;
        var key = chat.Id.ToString();
        var stored = await events.ReadAsync(id, stageKey, ct);
        if (stored.Any(e => e.Type == MoralInterviewTask.MergeConfirm && e.Text("chatId") == key)) return null;
        var first = await db.ValuesCards.AsNoTracking().Where(c => c.StudyId == card.StudyId && c.ValueId == card.ValueId)
            .OrderBy(c => c.Id).FirstAsync(ct);
        return new MergeToConfirm(chat.Id, card.ValueId, ValueCanonicalizer.ToCard(first));
    }

    private static IReadOnlyList<CardProblem> Problems(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<CardProblem>>(json, CardDrafts.Json) ?? [];
}
