using System.Text;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.MoralGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>
/// Drafts the values card of a chat (a separate low-temperature structured call per draft, redrafted with the rule
/// problems as feedback up to <see cref="InterviewService.MaxRedrafts"/> times) and shows it; on the fallback path it
/// also asks after each reply whether the transcript is ready for a card.
/// </summary>
internal sealed class CardDrafter(IDbContextFactory<PlatformDbContext> dbFactory, LanguageModelGateway gateway, TaskEventLog events, ILogger<CardDrafter> log)
{
    /// <summary>The last draft is shown (its remaining problems as advice). Returns the card, or why there is none.</summary>
    public async Task<(ValuesCard? Card, string? Problem)> DraftAndShowAsync(InterviewCall call, string trigger, CancellationToken ct)
    {
        var conversation = await InterviewConversation.ReadAsync(dbFactory, call, ct);
        var transcript = Transcript(call.Chat.QuestionText, conversation.History);
        ValuesCard? card = null;
        IReadOnlyList<CardProblem> problems = [];
        string? problem = null, feedback = null;
        var temperature = (float)call.Stage.Task.NumberSetting("drafter-temperature", 0);
        var drafts = 0;
        for (var attempt = 0; attempt <= InterviewService.MaxRedrafts; attempt++)
        {
            (ValuesCard? Card, string? Problem) parsed;
            try
            {
                var system = InterviewPrompts.Drafter.Text.Replace("{question}", call.Chat.QuestionText).Replace("{feedback}", feedback ?? "");
                var answer = await gateway.GetResponseAsync<CardDraft>(call.Stage.Model,
                    [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, transcript)],
                    new ChatOptions { Temperature = temperature, MaxOutputTokens = 600 }, CardDrafts.DraftJson, ct);
                parsed = CardDrafts.Read(JsonAnswers.Result(answer));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Drafting a card failed for chat {Chat}", call.Chat.Id);
                problem = "The model could not draft a card this time.";
                break;
            }
            drafts++;
            if (parsed.Card is null)
            {
                problem = parsed.Problem;
                feedback = $"Your last answer could not be read ({parsed.Problem}). Answer with the JSON object only.";
                continue;
            }
            card = parsed.Card;
            problems = ValuesCardRules.Check(card);
            if (problems.Count == 0) break;
            feedback = CardDrafts.Feedback(card, problems);
        }
        if (card is null)
        {
            await events.AppendAsync(call.Id, call.Chat.StageKey, MoralInterviewTask.DraftFailed,
                new { chatId = call.Chat.Id, trigger, problem }, CancellationToken.None);
            return (null, "A card could not be drafted from the conversation yet. Tell the interviewer a little more about what you pay attention to, then try again.");
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var chat = await db.InterviewChats.SingleAsync(c => c.Id == call.Chat.Id, CancellationToken.None);
            chat.CardJson = CardDrafts.Serialize(card);
            chat.CardProblemsJson = JsonSerializer.Serialize(problems, CardDrafts.Json);
            chat.Drafts += drafts;
            await db.SaveChangesAsync(CancellationToken.None);
            call.Chat.CardJson = chat.CardJson;
        }
        await events.AppendAsync(call.Id, call.Chat.StageKey, MoralInterviewTask.CardShown,
            new { chatId = call.Chat.Id, trigger, card, problems, drafts }, CancellationToken.None);
        return (card, null);
    }

    /// <summary>Fallback: a small structured call decides whether the transcript is ready for a card; unreadable means no.</summary>
    public async Task<bool> DecideAsync(InterviewCall call, IReadOnlyList<(bool IsUser, string Text)> history, CancellationToken ct)
    {
        string raw;
        var show = false;
        try
        {
            var answer = await gateway.GetResponseAsync<CardDecision>(call.Stage.Model,
                [new ChatMessage(ChatRole.System, InterviewPrompts.Decision.Text), new ChatMessage(ChatRole.User, Transcript(call.Chat.QuestionText, history))],
                new ChatOptions { Temperature = 0, MaxOutputTokens = 20 }, CardDecision.Json, ct);
            raw = answer.Text;
            show = JsonAnswers.Result(answer).Value?.ShowsCard == true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "The card decision call failed for chat {Chat}; no card is shown", call.Chat.Id);
            raw = "";
        }
        await events.AppendAsync(call.Id, call.Chat.StageKey, MoralInterviewTask.Decision,
            new { chatId = call.Chat.Id, action = show ? "show_card" : "none", raw = raw.Length > 300 ? raw[..300] : raw }, CancellationToken.None);
        return show;
    }

    /// <summary>The chat as the drafter and the decision read it.</summary>
    public static string Transcript(string question, IEnumerable<(bool IsUser, string Text)> history)
    {
        var text = new StringBuilder($"Question: {question}\n\n");
        foreach (var (isUser, line) in history) text.Append(isUser ? "Participant: " : "Interviewer: ").Append(line).Append('\n');
        return text.ToString();
    }
}
