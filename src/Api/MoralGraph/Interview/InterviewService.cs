using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using InteractionLab.Api.Data;
using InteractionLab.Api.Dialogue;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.MoralGraph;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>
/// The values interview of a <c>moral-interview</c> stage: starts a chat on the chosen question, streams the
/// interviewer's replies (saved as turns of the stage with the chat id as item key, timed like dialogue replies),
/// drafts the values card when the interviewer calls <c>show_values_card</c> (or, on the structured-output fallback,
/// when a small JSON call after a reply says so or the participant asks), and stores a submitted card as a
/// canonical value (<see cref="ValueCanonicalizer"/>). One model call per session at a time; the participant's
/// message is saved before the model is asked.
/// </summary>
public sealed class InterviewService(
    IServiceScopeFactory scopes,
    StudyConfigCache configs,
    ChatClientRegistry clients,
    ActiveReplies replies,
    ReplyRecorder recorder,
    TaskEventLog events,
    ValueCanonicalizer canonicalizer,
    TimeProvider time,
    ILogger<InterviewService> log)
{
    /// <summary>Tool the interviewer calls when the transcript is ready for a card.</summary>
    public const string ShowCardTool = "show_values_card";
    /// <summary>Tool the interviewer calls when the participant wants to submit the shown card.</summary>
    public const string SubmitCardTool = "submit_values_card";
    /// <summary>Longest participant message accepted.</summary>
    public const int MaxMessageLength = 2000;
    /// <summary>Latest messages the interviewer sees on the fallback path.</summary>
    public const int FallbackHistory = 6;
    /// <summary>Redrafts after the first draft when a card breaks the card-writing rules.</summary>
    public const int MaxRedrafts = 2;

    private static readonly JsonElement NoArguments = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();
    private static readonly AITool[] Tools =
    [
        AIFunctionFactory.CreateDeclaration(ShowCardTool,
            "Draft the participant's values card from the conversation and show it to them. Call when they have said concretely what they pay attention to, or to revise the card after they asked for changes.",
            NoArguments),
        AIFunctionFactory.CreateDeclaration(SubmitCardTool,
            "Submit the card now shown, once the participant said it captures what they care about. Only after show_values_card.",
            NoArguments),
    ];

    /// <summary>The interviewer's model: the stage's <c>interviewer-model</c> (<c>endpoint/model</c>) or the condition's.</summary>
    public static ModelRef InterviewerModel(TaskConfig task, ConditionConfig condition)
    {
        var setting = task.Setting("interviewer-model", "");
        var slash = setting.IndexOf('/');
        return slash > 0 && slash < setting.Length - 1 ? new ModelRef(setting[..slash].Trim(), setting[(slash + 1)..].Trim()) : condition.Model;
    }

    /// <summary>
    /// True when the stage asks its model through the structured-output fallback: the setting <c>tool-calls</c> is
    /// off, or the model is the in-process engine (its demo model has no tool calling).
    /// </summary>
    public static bool UsesFallback(TaskConfig task, ModelRef model) =>
        !task.BoolSetting("tool-calls", true) || string.Equals(model.Endpoint, LanguageModelOptions.LocalEndpoint, StringComparison.OrdinalIgnoreCase);

    /// <summary>The stage as the participant sees it now (what a reload resumes from).</summary>
    public async Task<InterviewState> GetStateAsync(SessionId id, string stageKey, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
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
                .OrderBy(t => t.Index)
                .Select(t => new TaskTurn(t.Index, t.Role, t.Text, t.ItemKey, t.ChoiceIndex, t.StoppedByParticipant)).ToListAsync(ct);
            view = new InterviewChatView(current.Id, new InterviewQuestion(current.QuestionId, current.QuestionText), turns,
                CardDrafts.Deserialize(current.CardJson), Problems(current.CardProblemsJson), current.SubmittedAt is not null, current.UsesFallback);
            var card = await db.ValuesCards.AsNoTracking().FirstOrDefaultAsync(c => c.ChatId == current.Id, ct);
            if (card is { CanonicalDecision: "merged-identical" or "merged-confirmed" })
            {
                var stored = await events.ReadAsync(id, stageKey, ct);
                if (!stored.Any(e => e.Type == MoralInterviewTask.MergeConfirm && e.Text("chatId") == key))
                {
                    var first = await db.ValuesCards.AsNoTracking().Where(c => c.StudyId == card.StudyId && c.ValueId == card.ValueId)
                        .OrderBy(c => c.Id).FirstAsync(ct);
                    merge = new MergeToConfirm(current.Id, card.ValueId, ValueCanonicalizer.ToCard(first));
                }
            }
        }
        return new InterviewState(MoralInterviewTask.Questions(stage.Task!), view, chats.Count(c => c.SubmittedAt is not null), merge);
    }

    /// <summary>Starts an interview on <paramref name="questionId"/>; refused while another chat's card is not submitted.</summary>
    public async Task<InterviewState> StartAsync(SessionId id, string stageKey, string questionId, CancellationToken ct = default)
    {
        Guid chatId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var stage = await StageAsync(db, id, stageKey, ct);
            var question = MoralInterviewTask.Questions(stage.Task).FirstOrDefault(q => q.Id == questionId)
                ?? throw PlatformProblemException.BadInput("Choose one of the questions shown.");
            if (await db.InterviewChats.AnyAsync(c => c.SessionId == id && c.StageKey == stageKey && c.SubmittedAt == null, ct))
                throw PlatformProblemException.Conflict("Submit the card of the current interview before starting another.");
            var chat = new InterviewChat
            {
                Id = Guid.NewGuid(), SessionId = id, StageKey = stageKey, QuestionId = question.Id, QuestionText = question.Text,
                PromptVersion = InterviewPrompts.InterviewerFor(stage.Fallback).Version, PromptSha256 = InterviewPrompts.InterviewerFor(stage.Fallback).Sha256,
                DrafterPromptSha256 = InterviewPrompts.Drafter.Sha256, Model = $"{stage.Model.Endpoint}/{stage.Model.Model}",
                UsesFallback = stage.Fallback, StartedAt = time.GetUtcNow(),
            };
            db.InterviewChats.Add(chat);
            await db.SaveChangesAsync(ct);
            chatId = chat.Id;
            await events.AppendAsync(id, stageKey, MoralInterviewTask.QuestionChosen, new
            {
                chatId, questionId = question.Id, promptVersion = chat.PromptVersion, promptSha256 = chat.PromptSha256,
                model = chat.Model, fallback = chat.UsesFallback,
            }, ct);
        }
        return await GetStateAsync(id, stageKey, ct);
    }

    /// <summary>
    /// Sends the participant's message and streams the interviewer's answer. The generation runs to its end on the
    /// server even if the participant leaves; <see cref="Stop"/> ends it early.
    /// </summary>
    public async IAsyncEnumerable<InterviewUpdate> SendAsync(SessionId id, string stageKey, Guid chatId, string text,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var message = text?.Trim() ?? "";
        if (message.Length == 0) throw PlatformProblemException.BadInput("Type a message before sending.");
        if (message.Length > MaxMessageLength) throw PlatformProblemException.BadInput($"Messages are limited to {MaxMessageLength} characters.");
        var call = await BeginAsync(id, stageKey, chatId, message, ct);
        var channel = Channel.CreateUnbounded<InterviewUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _ = Task.Run(async () =>
        {
            Exception? failure = null;
            try { await TurnAsync(call, channel.Writer); }
            catch (Exception e) { failure = e; }
            finally { replies.End(id, call.Stop); }
            channel.Writer.TryComplete(failure);
        }, CancellationToken.None);
        await foreach (var update in channel.Reader.ReadAllAsync(ct)) yield return update;
    }

    /// <summary>Stops the interviewer's reply being streamed.</summary>
    public bool Stop(SessionId id) => replies.Stop(id);

    /// <summary>The participant asked for their card ("Show my values card"): drafts it from the chat so far.</summary>
    public async Task<InterviewState> ShowCardAsync(SessionId id, string stageKey, Guid chatId, CancellationToken ct = default)
    {
        var call = await BeginAsync(id, stageKey, chatId, null, ct);
        try
        {
            var (card, problem) = await DraftAndShowAsync(call, "participant", ct);
            if (card is null) throw new PlatformProblemException(502, "No card yet", problem!);
        }
        finally
        {
            replies.End(id, call.Stop);
        }
        return await GetStateAsync(id, stageKey, ct);
    }

    /// <summary>Submits the card now shown and files it under a canonical value.</summary>
    public async Task<InterviewState> SubmitAsync(SessionId id, string stageKey, Guid chatId, CancellationToken ct = default)
    {
        var call = await BeginAsync(id, stageKey, chatId, null, ct);
        try
        {
            if (call.Chat.CardJson is null)
                throw PlatformProblemException.Conflict("Ask for your values card first; it can be submitted once it is shown.");
            await SubmitCoreAsync(call, ct);
        }
        finally
        {
            replies.End(id, call.Stop);
        }
        return await GetStateAsync(id, stageKey, ct);
    }

    /// <summary>
    /// Records the participant's answer to "Does this card still represent your value?" after their card joined an
    /// existing value; "no" moves their card back into a value of its own.
    /// </summary>
    public async Task<InterviewState> ConfirmMergeAsync(SessionId id, string stageKey, Guid chatId, bool stillRepresents, CancellationToken ct = default)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await StageAsync(db, id, stageKey, ct);
            var card = await db.ValuesCards.SingleOrDefaultAsync(c => c.ChatId == chatId && c.SessionId == id.Value, ct)
                ?? throw PlatformProblemException.BadInput("This interview has no submitted card.");
            await events.AppendAsync(id, stageKey, MoralInterviewTask.MergeConfirm,
                new { chatId, valueId = card.ValueId, answer = stillRepresents ? "yes" : "no" }, ct);
            if (!stillRepresents)
            {
                card.ValueId = ValueCanonicalizer.NewValueId();
                card.CanonicalDecision = "split-by-participant";
                await db.SaveChangesAsync(ct);
            }
        }
        return await GetStateAsync(id, stageKey, ct);
    }

    private sealed record StageInfo(Session Session, StageConfig Stage, TaskConfig Task, ConditionConfig Condition, ModelRef Model, bool Fallback);

    private sealed record Call(SessionId Id, StageInfo Stage, InterviewChat Chat, CancellationTokenSource Stop);

    private async Task<StageInfo> StageAsync(PlatformDbContext db, SessionId id, string stageKey, CancellationToken ct)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        if (session.Status != SessionStatus.InProgress) throw PlatformProblemException.Conflict("This session is finished.");
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var stage = config.Stages[session.StageIndex];
        if (stage.Key != stageKey || stage.Task?.Type != MoralInterviewTask.TaskKey)
            throw PlatformProblemException.Conflict("This step of the study is over; the interview is closed.");
        var condition = config.Conditions.Single(c => c.Key == session.ConditionKey);
        var model = InterviewerModel(stage.Task, condition);
        return new StageInfo(session, stage, stage.Task, condition, model, UsesFallback(stage.Task, model));
    }

    private async Task<Call> BeginAsync(SessionId id, string stageKey, Guid chatId, string? message, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var stage = await StageAsync(db, id, stageKey, ct);
        var chat = await db.InterviewChats.AsNoTracking().SingleOrDefaultAsync(c => c.Id == chatId && c.SessionId == id && c.StageKey == stageKey, ct)
            ?? throw PlatformProblemException.BadInput("This interview does not belong to your session.");
        if (chat.SubmittedAt is not null) throw PlatformProblemException.Conflict("This card is submitted; start another interview to articulate another value.");
        if (!replies.TryBegin(id, out var stop))
            throw PlatformProblemException.Conflict("Wait for the interviewer to finish before sending again.");
        try
        {
            if (message is not null)
            {
                var now = time.GetUtcNow();
                db.Turns.Add(new Turn
                {
                    SessionId = id, Index = await NextTurnAsync(db, id, ct), Role = TurnRole.Participant, Text = message, CreatedAt = now,
                    StageKey = stageKey, ItemKey = chat.Id.ToString(),
                });
                await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
                // Saved before the model is called: the participant's words are kept whatever happens next.
                await db.SaveChangesAsync(ct);
            }
            return new Call(id, stage, chat, stop);
        }
        catch
        {
            replies.End(id, stop);
            throw;
        }
    }

    private static Task<int> NextTurnAsync(PlatformDbContext db, SessionId id, CancellationToken ct) =>
        SessionCounters.ReserveTurnIndexAsync(db, id, ct);

    // One participant message: the interviewer's reply, then what its tool call (or the fallback decision) asks for.
    private async Task TurnAsync(Call call, ChannelWriter<InterviewUpdate> output)
    {
        var token = call.Stop.Token;
        var (system, history) = await ConversationAsync(call, CancellationToken.None);
        var messages = Messages(system, history);
        var options = InterviewerOptions(call);
        var reply = await StreamReplyAsync(call, system, history, messages, options, output);
        if (reply.Stopped || reply.Failed) return;

        if (call.Stage.Fallback)
        {
            if (await DecideAsync(call, history.Append((false, reply.Text)).ToList(), token))
            {
                var (card, _) = await DraftAndShowAsync(call, "fallback", token);
                if (card is not null) output.TryWrite(new InterviewUpdate(null, CardShown: true));
            }
            return;
        }
        if (reply.Calls.Count == 0) return;

        var tool = reply.Calls[0];
        string result;
        if (tool.Name == ShowCardTool)
        {
            var (card, problem) = await DraftAndShowAsync(call, "tool", token);
            if (card is null)
                result = $"No card could be drafted yet ({problem}). Ask the participant one more question about what they pay attention to.";
            else
            {
                output.TryWrite(new InterviewUpdate(null, CardShown: true));
                var problems = ValuesCardRules.Check(card);
                result = "The card is now shown to the participant:\n" + CardDrafts.Serialize(card)
                    + (problems.Count > 0 ? "\nIt still has these problems, shown to the participant as advice:\n" + string.Join("\n", problems.Select(p => "- " + p.Message)) : "")
                    + "\nAsk whether it captures what they care about.";
            }
        }
        else if (tool.Name == SubmitCardTool)
        {
            if (await CurrentCardAsync(call, token) is not null)
            {
                await SubmitCoreAsync(call, token);
                output.TryWrite(new InterviewUpdate(null, Submitted: true));
                return;
            }
            result = "No card has been shown yet, so nothing can be submitted. Call show_values_card first.";
        }
        else result = $"There is no tool '{tool.Name}'.";

        // The answer to a tool call goes back to the interviewer within this turn; later turns see the card in the
        // system prompt instead, so no tool messages need to be stored.
        messages.Add(new ChatMessage(ChatRole.Assistant, [.. string.IsNullOrEmpty(reply.Text) ? Array.Empty<AIContent>() : [new TextContent(reply.Text)], tool]));
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(tool.CallId, result)]));
        options.ToolMode = ChatToolMode.None;
        await StreamReplyAsync(call, system, history, messages, options, output);
    }

    private async Task<(string System, List<(bool IsUser, string Text)> History)> ConversationAsync(Call call, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
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
        // Small models on the fallback path read only a short context: they see the latest messages (the card in the
        // system prompt carries what was said earlier). Tool-calling endpoints get the whole chat.
        if (chat.UsesFallback && history.Count > FallbackHistory) history = history[^FallbackHistory..];
        return (system, history);
    }

    private static List<ChatMessage> Messages(string system, IEnumerable<(bool IsUser, string Text)> history)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, system) };
        messages.AddRange(history.Select(h => new ChatMessage(h.IsUser ? ChatRole.User : ChatRole.Assistant, h.Text)));
        return messages;
    }

    private ChatOptions InterviewerOptions(Call call)
    {
        var decoding = Decoding(call);
        return new ChatOptions
        {
            ModelId = call.Stage.Model.Model, Temperature = decoding.Temperature, MaxOutputTokens = decoding.MaxTokens,
            TopP = decoding.TopP, Seed = decoding.Seed,
            Tools = call.Stage.Fallback ? null : [.. Tools], ToolMode = call.Stage.Fallback ? null : ChatToolMode.Auto,
        };
    }

    private static DecodingSettings Decoding(Call call)
    {
        var task = new MoralInterviewTask();
        var d = TaskLanguageModel.DecodingFor(task, call.Stage.Task, call.Stage.Condition);
        return d with { Seed = d.Seed ?? Random.Shared.Next() };
    }

    private sealed record Reply(string Text, IReadOnlyList<FunctionCallContent> Calls, bool Stopped, bool Failed);

    private async Task<Reply> StreamReplyAsync(Call call, string system, IReadOnlyList<(bool IsUser, string Text)> history,
        List<ChatMessage> messages, ChatOptions options, ChannelWriter<InterviewUpdate> output)
    {
        var record = new GenerationRecord { RequestSentAt = time.GetUtcNow() };
        var calls = new List<FunctionCallContent>();
        var stopped = false;
        Exception? failure = null;
        var clock = Stopwatch.StartNew();
        try
        {
            var client = clients.Get(call.Stage.Model.Endpoint, call.Stage.Model.Model);
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, call.Stop.Token))
            {
                if (update.FinishReason is { } reason) record.FinishReason = reason.Value;
                foreach (var usage in update.Contents.OfType<UsageContent>())
                {
                    record.InputTokens = usage.Details.InputTokenCount ?? record.InputTokens;
                    record.OutputTokens = usage.Details.OutputTokenCount ?? record.OutputTokens;
                }
                calls.AddRange(update.Contents.OfType<FunctionCallContent>());
                if (string.IsNullOrEmpty(update.Text)) continue;
                record.Tokens.Add(new TimedToken(update.Text, clock.Elapsed.TotalMilliseconds));
                output.TryWrite(new InterviewUpdate(update.Text));
            }
        }
        catch (OperationCanceledException) when (call.Stop.IsCancellationRequested)
        {
            stopped = true;
        }
        catch (Exception e)
        {
            failure = e;
            log.LogError(e, "Interviewer reply failed for session {Session} chat {Chat}", call.Id, call.Chat.Id);
        }
        record.TotalMs = clock.Elapsed.TotalMilliseconds;
        // A reply that is only a tool call has no words to keep; its effect is recorded as an interview.* event.
        if (record.Tokens.Count > 0 || calls.Count == 0)
        {
            var decoding = Decoding(call) with { Seed = options.Seed is { } s ? (int)s : null };
            var request = new GenerationRequest(call.Stage.Model, PromptStyle.Chat, system, history, decoding, [], (int)(options.Seed ?? 0));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await recorder.SaveAsync(call.Id, await NextTurnAsync(db, call.Id, CancellationToken.None), request, record, stopped, failure,
                new TurnPlace(call.Chat.StageKey, call.Chat.Id.ToString()));
        }
        if (failure is not null)
            throw new PlatformProblemException(502, "No answer", "The interviewer could not answer this time. Please try again.");
        return new Reply(record.Text.Trim(), calls, stopped, false);
    }

    // Fallback: a small JSON-mode call decides whether the transcript is ready for a card.
    private async Task<bool> DecideAsync(Call call, IReadOnlyList<(bool IsUser, string Text)> history, CancellationToken ct)
    {
        string raw;
        try
        {
            var client = clients.Get(call.Stage.Model.Endpoint, call.Stage.Model.Model);
            var answer = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, InterviewPrompts.Decision.Text), new ChatMessage(ChatRole.User, Transcript(call.Chat.QuestionText, history))],
                new ChatOptions { ModelId = call.Stage.Model.Model, Temperature = 0, MaxOutputTokens = 20, ResponseFormat = ChatResponseFormat.Json }, ct);
            raw = answer.Text;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "The card decision call failed for chat {Chat}; no card is shown", call.Chat.Id);
            raw = "";
        }
        var show = ParseDecision(raw);
        await events.AppendAsync(call.Id, call.Chat.StageKey, MoralInterviewTask.Decision,
            new { chatId = call.Chat.Id, action = show ? "show_card" : "none", raw = raw.Length > 300 ? raw[..300] : raw }, CancellationToken.None);
        return show;
    }

    /// <summary>Reads the fallback decision <c>{"action":"show_card"|"none"}</c>; anything unreadable means "none".</summary>
    public static bool ParseDecision(string? raw)
    {
        var text = raw ?? "";
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start) return false;
        try
        {
            using var doc = JsonDocument.Parse(text[start..(end + 1)]);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String
                && string.Equals(action.GetString(), "show_card", StringComparison.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<ValuesCard?> CurrentCardAsync(Call call, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return CardDrafts.Deserialize(await db.InterviewChats.Where(c => c.Id == call.Chat.Id).Select(c => c.CardJson).SingleAsync(ct));
    }

    // Drafts the card at low temperature from the transcript, redrafting with the rule problems as feedback; the
    // last draft is shown (its remaining problems as advice). Returns the card, or why there is none.
    private async Task<(ValuesCard? Card, string? Problem)> DraftAndShowAsync(Call call, string trigger, CancellationToken ct)
    {
        var (_, history) = await ConversationAsync(call, ct);
        var transcript = Transcript(call.Chat.QuestionText, history);
        ValuesCard? card = null;
        IReadOnlyList<CardProblem> problems = [];
        string? problem = null, feedback = null;
        var temperature = (float)call.Stage.Task.NumberSetting("drafter-temperature", 0);
        var drafts = 0;
        for (var attempt = 0; attempt <= MaxRedrafts; attempt++)
        {
            string raw;
            try
            {
                var client = clients.Get(call.Stage.Model.Endpoint, call.Stage.Model.Model);
                var system = InterviewPrompts.Drafter.Text.Replace("{question}", call.Chat.QuestionText).Replace("{feedback}", feedback ?? "");
                var answer = await client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, transcript)],
                    new ChatOptions { ModelId = call.Stage.Model.Model, Temperature = temperature, MaxOutputTokens = 600, ResponseFormat = ChatResponseFormat.Json }, ct);
                raw = answer.Text;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Drafting a card failed for chat {Chat}", call.Chat.Id);
                problem = "The model could not draft a card this time.";
                break;
            }
            drafts++;
            var (parsed, why) = CardDrafts.Parse(raw);
            if (parsed is null)
            {
                problem = why;
                feedback = $"Your last answer could not be read ({why}). Answer with the JSON object only.";
                continue;
            }
            card = parsed;
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
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
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

    private async Task SubmitCoreAsync(Call call, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
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
            AuthorPseudonym = Pseudonym(session.ParticipantId), QuestionId = chat.QuestionId, CreatedAt = now, Source = MoralGraphSource.Interview,
            SessionId = session.Id.Value, ChatId = chat.Id, Similarity = choice.Similarity, ClosestValueId = choice.ClosestValueId,
            CanonicalDecision = choice.Decision,
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

    /// <summary>The pseudonym researchers see for a card's author (derived from the pseudonymous participant id).</summary>
    public static string Pseudonym(Guid participantId) => "P-" + participantId.ToString("N")[..8];

    private static string Transcript(string question, IEnumerable<(bool IsUser, string Text)> history)
    {
        var text = new StringBuilder($"Question: {question}\n\n");
        foreach (var (isUser, line) in history) text.Append(isUser ? "Participant: " : "Interviewer: ").Append(line).Append('\n');
        return text.ToString();
    }

    private static IReadOnlyList<CardProblem> Problems(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<CardProblem>>(json, CardDrafts.Json) ?? [];
}
