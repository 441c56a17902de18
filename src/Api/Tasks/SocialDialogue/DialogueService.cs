using System.Runtime.CompilerServices;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tasks.SocialDialogue;

/// <summary>
/// Social dialogue: renders the condition's prompt from the conversation so far (fitted to the model's context window
/// by <see cref="PromptWindow"/>) and has the <see cref="ReplyRunner"/> store the participant's message with the reply
/// it asks for, stream the reply and save it with its timings. The generation runs on its own: if the browser or
/// circuit goes away the reply still completes and is saved, so a reload shows it; only <see cref="StopReply"/> (or the
/// process stopping, which saves it as interrupted) cuts it short.
/// </summary>
public sealed class DialogueService(IDbContextFactory<PlatformDbContext> dbFactory, IServiceScopeFactory scopes, StudyConfigCache configs, ReplyRunner runner, LanguageModelGateway gateway)
{
    /// <summary>Longest message a participant may send.</summary>
    public const int MaxMessageLength = 1000;
    /// <summary>Task type this service runs.</summary>
    public const string TaskType = "social-dialogue";

    private static readonly PlatformProblemException NoReply =
        new(502, "No reply", "The chatbot could not reply this time. Please send your message again.");

    /// <summary>
    /// Sends a participant message and streams the reply's text pieces. The stream ends once the reply is saved.
    /// Cancelling <paramref name="ct"/> only stops listening; the reply is still generated and saved.
    /// <paramref name="queued"/> is called when the model is busy and the reply waits in line.
    /// </summary>
    public async IAsyncEnumerable<string> StreamReplyAsync(SessionId session, string message, [EnumeratorCancellation] CancellationToken ct = default,
        Action? queued = null)
    {
        var reader = await StartReplyAsync(session, message, queued, ct);
        await foreach (var piece in reader.ReadAllAsync(ct)) yield return piece;
    }

    /// <summary>Stops the reply being generated (the participant pressed stop); false when none runs.</summary>
    public bool StopReply(SessionId session) => runner.Stop(session);

    private async Task<System.Threading.Channels.ChannelReader<string>> StartReplyAsync(SessionId id, string? message, Action? queued, CancellationToken ct)
    {
        message = message?.Trim();
        if (string.IsNullOrEmpty(message)) throw PlatformProblemException.BadInput("Type a message before sending.");
        if (message.Length > MaxMessageLength)
            throw PlatformProblemException.BadInput($"Messages are limited to {MaxMessageLength} characters.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        if (session.Status != SessionStatus.InProgress) throw PlatformProblemException.Conflict("This session is finished.");
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var stage = config.Stages[session.StageIndex];
        if (stage.Kind != StageKind.Task || stage.Task?.Type != TaskType)
            throw PlatformProblemException.Conflict("There is no conversation at this step of the study.");
        var condition = config.Conditions.Single(c => c.Key == session.ConditionKey);
        var call = runner.Open(id, "Wait for the current reply to finish before sending another message.");
        TurnPlan plan;
        try
        {
            var turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == id).OrderBy(t => t.Index)
                .Select(t => new ConversationTurn(t.Index, t.Role, t.Text)).ToListAsync(ct);
            if (turns.Count(t => t.Role == TurnRole.Participant) >= stage.Task.MaxTurns)
                throw PlatformProblemException.Conflict($"The conversation has reached its limit of {stage.Task.MaxTurns} messages.");
            // A scope for the scoped StimulusStore, the one reader of stimulus sets (stored and the catalog's demo sets).
            await using var scope = scopes.CreateAsyncScope();
            var scenarios = await Tasks.SocialDialogue.DialogueScenarios.OfAsync(stage.Task, scope.ServiceProvider.GetRequiredService<Stimuli.StimulusStore>(), ct);
            var scenario = Tasks.SocialDialogue.DialogueScenarios.Pick(scenarios, session.ScenarioIndex) ?? "";
            plan = Plan(condition, scenario, [.. turns, new ConversationTurn(-1, TurnRole.Participant, message)], new TurnPlace(stage.Key)) with
            {
                ParticipantText = message,
            };
        }
        catch
        {
            call.Dispose();
            throw;
        }

        return runner.RunDetached<string>(call, async output =>
        {
            var turn = await runner.RecordAsync(call, plan, (record, token) => gateway.StreamAsync(plan.Request, record, token),
                piece => output.TryWrite(piece), queued);
            if (turn.Failure is not null || turn.Interrupted || !turn.Saved) throw NoReply;
        });
    }

    // The prompt of the next reply from the conversation so far (ending with the message being answered).
    private TurnPlan Plan(ConditionConfig condition, string scenario, IReadOnlyList<ConversationTurn> turns, TurnPlace place)
    {
        var seed = condition.Decoding.Seed ?? Random.Shared.Next();
        var completion = condition.Prompt.Style == PromptStyle.Completion;
        var stops = completion ? CompletionPrompt.StopSequences(condition.Prompt, condition.Decoding) : condition.Decoding.Stop;
        var system = condition.Prompt.Template.Replace("{scenario}", scenario, StringComparison.Ordinal);
        GenerationRequest RequestWith(IReadOnlyList<ConversationTurn> kept) => completion
            ? new GenerationRequest(condition.Model, PromptStyle.Completion,
                CompletionPrompt.Render(condition.Prompt, scenario, kept.Select(t => new DialogueLine(t.Role, t.Text))), [], condition.Decoding, stops, seed)
            : new GenerationRequest(condition.Model, PromptStyle.Chat, system,
                kept.Select(t => (t.Role == TurnRole.Participant, t.Text)).ToList(), condition.Decoding, stops, seed);

        var window = gateway.ContextOf(condition.Model);
        var selection = PromptWindow.Select(turns, window?.Length, condition.Decoding.MaxTokens,
            kept => window!.CountTokens(LanguageModelGateway.Messages(RequestWith(kept)), completion));
        return new TurnPlan(place, RequestWith(selection.Kept))
        {
            History = new PromptHistory(selection.DroppedForContext, selection.WithoutReply),
        };
    }
}
