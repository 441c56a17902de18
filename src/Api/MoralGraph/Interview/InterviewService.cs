using System.Runtime.CompilerServices;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>
/// The values interview of a <c>moral-interview</c> stage, as the participant page uses it: start a chat on the chosen
/// question, send messages (the interviewer's replies stream and are recorded by <see cref="InterviewerTurns"/>), ask
/// for the card (<see cref="CardDrafter"/>), submit it (<see cref="CardSubmitter"/>), answer the merge question, and
/// read the stage back (<see cref="InterviewStateReader"/>). One model call per session at a time; the participant's
/// message is stored with the reply it asks for.
/// </summary>
public sealed class InterviewService
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

    private readonly IDbContextFactory<PlatformDbContext> _dbFactory;
    private readonly ReplyRunner _runner;
    private readonly TaskEventLog _events;
    private readonly TimeProvider _time;
    private readonly InterviewStages _stages;
    private readonly InterviewStateReader _reader;
    private readonly CardDrafter _drafter;
    private readonly CardSubmitter _submitter;
    private readonly InterviewerTurns _turns;

    /// <summary>The interview's parts, each with its own concern.</summary>
    public InterviewService(IDbContextFactory<PlatformDbContext> dbFactory, Sessions.StudyConfigCache configs, ReplyRunner runner, LanguageModelGateway gateway,
        TaskEventLog events, ValueCanonicalizer canonicalizer, TimeProvider time, ILoggerFactory loggers)
    {
        _dbFactory = dbFactory;
        _runner = runner;
        _events = events;
        _time = time;
        _stages = new InterviewStages(dbFactory, configs, runner);
        _reader = new InterviewStateReader(dbFactory, configs, events);
        _drafter = new CardDrafter(dbFactory, gateway, events, loggers.CreateLogger<CardDrafter>());
        _submitter = new CardSubmitter(dbFactory, canonicalizer, events, time);
        _turns = new InterviewerTurns(dbFactory, runner, gateway, _drafter, _submitter);
    }

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

    /// <summary>The pseudonym researchers see for a card's author (derived from the pseudonymous participant id).</summary>
    public static string Pseudonym(Guid participantId) => "P-" + participantId.ToString("N")[..8];

    /// <summary>The stage as the participant sees it now (what a reload resumes from).</summary>
    public Task<InterviewState> GetStateAsync(SessionId id, string stageKey, CancellationToken ct = default) => _reader.GetAsync(id, stageKey, ct);

    /// <summary>Starts an interview on <paramref name="questionId"/>; refused while another chat's card is not submitted.</summary>
    public async Task<InterviewState> StartAsync(SessionId id, string stageKey, string questionId, CancellationToken ct = default)
    {
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            var stage = await _stages.CurrentAsync(db, id, stageKey, ct);
            var question = MoralInterviewTask.Questions(stage.Task).FirstOrDefault(q => q.Id == questionId)
                ?? throw PlatformProblemException.BadInput("Choose one of the questions shown.");
            if (await db.InterviewChats.AnyAsync(c => c.SessionId == id && c.StageKey == stageKey && c.SubmittedAt == null, ct))
                throw PlatformProblemException.Conflict("Submit the card of the current interview before starting another.");
            var prompt = InterviewPrompts.InterviewerFor(stage.Fallback);
            var chat = new InterviewChat
            {
                Id = Guid.NewGuid(), SessionId = id, StageKey = stageKey, QuestionId = question.Id, QuestionText = question.Text,
                PromptVersion = prompt.Version, PromptSha256 = prompt.Sha256, DrafterPromptSha256 = InterviewPrompts.Drafter.Sha256,
                Model = $"{stage.Model.Endpoint}/{stage.Model.Model}", UsesFallback = stage.Fallback, StartedAt = _time.GetUtcNow(),
            };
            db.InterviewChats.Add(chat);
            await db.SaveChangesAsync(ct);
            await _events.AppendAsync(id, stageKey, MoralInterviewTask.QuestionChosen, new
            {
                chatId = chat.Id, questionId = question.Id, promptVersion = chat.PromptVersion, promptSha256 = chat.PromptSha256,
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
        var call = await _stages.OpenAsync(id, stageKey, chatId, ct);
        var reader = _runner.RunDetached<InterviewUpdate>(call.Reply, output => _turns.RunAsync(call, message, output));
        await foreach (var update in reader.ReadAllAsync(ct)) yield return update;
    }

    /// <summary>Stops the interviewer's reply being streamed.</summary>
    public bool Stop(SessionId id) => _runner.Stop(id);

    /// <summary>The participant asked for their card ("Show my values card"): drafts it from the chat so far.</summary>
    public async Task<InterviewState> ShowCardAsync(SessionId id, string stageKey, Guid chatId, CancellationToken ct = default)
    {
        var call = await _stages.OpenAsync(id, stageKey, chatId, ct);
        using (call.Reply)
        {
            var (card, problem) = await _drafter.DraftAndShowAsync(call, "participant", ct);
            if (card is null) throw new PlatformProblemException(502, "No card yet", problem!);
        }
        return await GetStateAsync(id, stageKey, ct);
    }

    /// <summary>Submits the card now shown and files it under a canonical value.</summary>
    public async Task<InterviewState> SubmitAsync(SessionId id, string stageKey, Guid chatId, CancellationToken ct = default)
    {
        var call = await _stages.OpenAsync(id, stageKey, chatId, ct);
        using (call.Reply)
        {
            if (call.Chat.CardJson is null)
                throw PlatformProblemException.Conflict("Ask for your values card first; it can be submitted once it is shown.");
            await _submitter.SubmitAsync(call, ct);
        }
        return await GetStateAsync(id, stageKey, ct);
    }

    /// <summary>
    /// Records the participant's answer to "Does this card still represent your value?" after their card joined an
    /// existing value; "no" moves their card back into a value of its own.
    /// </summary>
    public async Task<InterviewState> ConfirmMergeAsync(SessionId id, string stageKey, Guid chatId, bool stillRepresents, CancellationToken ct = default)
    {
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            await _stages.CurrentAsync(db, id, stageKey, ct);
            var card = await db.ValuesCards.SingleOrDefaultAsync(c => c.ChatId == chatId && c.SessionId == id.Value, ct)
                ?? throw PlatformProblemException.BadInput("This interview has no submitted card.");
            await _events.AppendAsync(id, stageKey, MoralInterviewTask.MergeConfirm,
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
}
