using System.Runtime.CompilerServices;
using System.Threading.Channels;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Dialogue;

/// <summary>
/// Social dialogue: saves the participant's message, renders the condition's prompt, streams the model's
/// reply and saves it with its timings. The generation runs on its own: if the browser or circuit goes away
/// the reply still completes and is saved, so a reload shows it; only <see cref="StopReply"/> cuts it short.
/// </summary>
public sealed class DialogueService(
    IServiceScopeFactory scopes,
    ActiveReplies replies,
    StudyConfigCache configs,
    ReplyRecorder recorder,
    LanguageModelGateway gateway,
    TimeProvider time,
    ILogger<DialogueService> log)
{
    /// <summary>Longest message a participant may send.</summary>
    public const int MaxMessageLength = 1000;
    /// <summary>Task type this service runs.</summary>
    public const string TaskType = "social-dialogue";

    /// <summary>
    /// Sends a participant message and streams the reply's text pieces. The stream ends once the reply is
    /// saved. Cancelling <paramref name="ct"/> only stops listening; the reply is still generated and saved.
    /// </summary>
    public async IAsyncEnumerable<string> StreamReplyAsync(SessionId session, string message, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var reader = await StartReplyAsync(session, message, ct);
        await foreach (var piece in reader.ReadAllAsync(ct)) yield return piece;
    }

    /// <summary>Stops the reply being generated (the participant pressed stop); false when none runs.</summary>
    public bool StopReply(SessionId session) => replies.Stop(session);

    private async Task<ChannelReader<string>> StartReplyAsync(SessionId id, string? message, CancellationToken ct)
    {
        message = message?.Trim();
        if (string.IsNullOrEmpty(message)) throw PlatformProblemException.BadInput("Type a message before sending.");
        if (message.Length > MaxMessageLength)
            throw PlatformProblemException.BadInput($"Messages are limited to {MaxMessageLength} characters.");

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        if (session.Status != SessionStatus.InProgress) throw PlatformProblemException.Conflict("This session is finished.");
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var stage = config.Stages[session.StageIndex];
        if (stage.Kind != StageKind.Task || stage.Task?.Type != TaskType)
            throw PlatformProblemException.Conflict("There is no conversation at this step of the study.");
        var condition = config.Conditions.Single(c => c.Key == session.ConditionKey);
        if (!replies.TryBegin(id, out var stop))
            throw PlatformProblemException.Conflict("Wait for the current reply to finish before sending another message.");

        GenerationRequest request;
        int modelTurnIndex;
        try
        {
            var turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == id).OrderBy(t => t.Index).ToListAsync(ct);
            var sent = turns.Count(t => t.Role == TurnRole.Participant);
            if (sent >= stage.Task.MaxTurns)
                throw PlatformProblemException.Conflict($"The conversation has reached its limit of {stage.Task.MaxTurns} messages.");
            var now = time.GetUtcNow();
            // Both indexes at once, from the session's counter: the message's and the reply's.
            var index = await SessionCounters.ReserveTurnIndexesAsync(db, id, 2, ct);
            var participantTurn = new Turn { SessionId = id, Index = index, Role = TurnRole.Participant, Text = message, CreatedAt = now, StageKey = stage.Key };
            db.Turns.Add(participantTurn);
            session.LastSeenAt = now;
            // Saved before the model is called: the participant's words are kept whatever happens next.
            await db.SaveChangesAsync(ct);
            turns.Add(participantTurn);
            modelTurnIndex = index + 1;
            var scenarios = await Tasks.SocialDialogue.DialogueScenarios.OfAsync(stage.Task, scope.ServiceProvider.GetRequiredService<Stimuli.StimulusStore>(), ct);
            var scenario = Tasks.SocialDialogue.DialogueScenarios.Pick(scenarios, session.ScenarioIndex) ?? "";
            request = BuildRequest(condition, scenario, turns);
        }
        catch
        {
            replies.End(id, stop);
            throw;
        }

        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var place = new TurnPlace(stage.Key);
        _ = Task.Run(() => GenerateAsync(id, modelTurnIndex, request, place, stop, channel.Writer), CancellationToken.None);
        return channel.Reader;
    }

    private static GenerationRequest BuildRequest(ConditionConfig condition, string scenario, IReadOnlyList<Turn> turns)
    {
        var seed = condition.Decoding.Seed ?? Random.Shared.Next();
        if (condition.Prompt.Style == PromptStyle.Completion)
        {
            var lines = turns.Select(t => new DialogueLine(t.Role, t.Text));
            return new GenerationRequest(condition.Model, PromptStyle.Completion,
                CompletionPrompt.Render(condition.Prompt, scenario, lines), [],
                condition.Decoding, CompletionPrompt.StopSequences(condition.Prompt, condition.Decoding), seed);
        }
        var system = condition.Prompt.Template.Replace("{scenario}", scenario, StringComparison.Ordinal);
        return new GenerationRequest(condition.Model, PromptStyle.Chat, system,
            turns.Select(t => (t.Role == TurnRole.Participant, t.Text)).ToList(), condition.Decoding, condition.Decoding.Stop, seed);
    }

    private async Task GenerateAsync(SessionId id, int turnIndex, GenerationRequest request, TurnPlace place, CancellationTokenSource stop, ChannelWriter<string> output)
    {
        var record = new GenerationRecord();
        var stopped = false;
        Exception? failure = null;
        try
        {
            await foreach (var token in gateway.StreamAsync(request, record, stop.Token))
            {
                output.TryWrite(token.Text);
                replies.Append(id, token.Text);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            stopped = true;
        }
        catch (Exception e)
        {
            failure = e;
            log.LogError(e, "Generation failed for session {Session} turn {Turn}", id, turnIndex);
        }

        Exception? saveFailure = null;
        try
        {
            await recorder.SaveAsync(id, turnIndex, request, record, stopped, failure, place);
        }
        catch (Exception e)
        {
            saveFailure = e;
            log.LogCritical(e, "Could not save the reply of session {Session} turn {Turn}", id, turnIndex);
        }
        finally
        {
            replies.End(id, stop);
        }
        output.TryComplete(saveFailure is not null || failure is not null
            ? new PlatformProblemException(502, "No reply", "The chatbot could not reply this time. Please send your message again.")
            : null);
    }
}
