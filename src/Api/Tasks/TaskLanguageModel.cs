using System.Runtime.CompilerServices;
using System.Threading.Channels;
using InteractionLab.Api.Data;
using InteractionLab.Api.Dialogue;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Tasks;

/// <summary>
/// The model calls of task stages, recorded exactly like dialogue replies: the participant's query and every model
/// turn (with timings, decoding settings, seed and model) are stored with the stage and item they belong to, and
/// the model's token events go into the trace. The condition decides the model; the task type and the stage decide
/// the decoding. One call per session at a time, as in the dialogue.
/// </summary>
public sealed class TaskLanguageModel(
    IServiceScopeFactory scopes,
    ActiveReplies replies,
    StudyConfigCache configs,
    TaskCatalog catalog,
    ReplyRecorder recorder,
    LanguageModelGateway gateway,
    TimeProvider time,
    ILogger<TaskLanguageModel> log)
{
    /// <summary>Longest participant query accepted.</summary>
    public const int MaxQueryLength = 2000;

    /// <summary>
    /// Streams one reply. The generation runs to its end on the server even if the participant leaves (it is saved
    /// either way); cancelling <paramref name="ct"/> only stops listening. <see cref="Stop"/> ends it early.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(SessionId session, string stageKey, TaskPrompt prompt,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var call = await BeginAsync(session, stageKey, prompt, 1, ct);
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _ = Task.Run(async () =>
        {
            var failure = await GenerateAsync(call, 0, call.Request, choice: null, channel.Writer, call.Stop.Token);
            replies.End(session, call.Stop);
            channel.Writer.TryComplete(failure);
        }, CancellationToken.None);
        await foreach (var piece in channel.Reader.ReadAllAsync(ct)) yield return piece;
    }

    /// <summary>
    /// Asks for <paramref name="n"/> completions of one prompt (suggestions), each with its own seed (seed, seed+1…)
    /// so that the set is reproducible on any endpoint; each is stored as a model turn with its choice index.
    /// Returns the cleaned texts in order (a failed completion is left out).
    /// </summary>
    public async Task<IReadOnlyList<string>> CompleteManyAsync(SessionId session, string stageKey, TaskPrompt prompt, int n, CancellationToken ct = default)
    {
        if (n is < 1 or > 10) throw PlatformProblemException.BadInput("Between 1 and 10 completions can be asked for at once.");
        var call = await BeginAsync(session, stageKey, prompt, n, ct);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.Stop.Token, ct);
            var texts = new List<string>(n);
            for (var i = 0; i < n; i++)
            {
                var request = call.Request with { Seed = unchecked(call.Request.Seed + i) };
                var collected = Channel.CreateUnbounded<string>();
                var failure = await GenerateAsync(call, i, request, i, collected.Writer, linked.Token);
                collected.Writer.TryComplete();
                var text = new System.Text.StringBuilder();
                while (collected.Reader.TryRead(out var piece)) text.Append(piece);
                if (failure is null) texts.Add(CleanText(request, text.ToString()));
            }
            return texts.Count == 0 && n > 0
                ? throw new PlatformProblemException(502, "No suggestions", "The assistant could not answer this time. Please try again.")
                : texts;
        }
        finally
        {
            replies.End(session, call.Stop);
        }
    }

    /// <summary>Stops the session's running call, if any.</summary>
    public bool Stop(SessionId session) => replies.Stop(session);

    /// <summary>The decoding of a task stage: the type's defaults with the stage's <c>temperature</c>,
    /// <c>max-tokens</c>, <c>top-p</c> and <c>stop</c> (one per line) settings, and the condition's seed.</summary>
    public static DecodingSettings DecodingFor(ITaskType type, TaskConfig task, ConditionConfig condition)
    {
        var d = type.Decoding;
        var stops = task.LinesSetting("stop");
        return d with
        {
            Temperature = (float)task.NumberSetting("temperature", d.Temperature),
            MaxTokens = task.IntSetting("max-tokens", d.MaxTokens),
            TopP = (float)task.NumberSetting("top-p", d.TopP),
            Stop = stops.Count > 0 ? stops.Select(Unescape).ToList() : d.Stop,
            Seed = condition.Decoding.Seed ?? d.Seed,
        };
    }

    // "\n" typed in a one-line-per-stop list means a line break.
    private static string Unescape(string stop) => stop.Replace("\\n", "\n", StringComparison.Ordinal);

    /// <summary>The request a task prompt becomes (also used by the builder's preview, which saves nothing).</summary>
    public static GenerationRequest RequestFor(TaskPrompt prompt, ConditionConfig condition, DecodingSettings decoding) =>
        new(condition.Model, prompt.Style, prompt.Prompt, prompt.History ?? [], decoding, decoding.Stop,
            decoding.Seed ?? Random.Shared.Next());

    private static string CleanText(GenerationRequest request, string text) =>
        request.Style == PromptStyle.Completion ? CompletionPrompt.CleanReply(text, request.Stop) : text.Trim();

    private sealed record Call(SessionId Session, int FirstModelIndex, GenerationRequest Request, TurnPlace Place, CancellationTokenSource Stop);

    private async Task<Call> BeginAsync(SessionId id, string stageKey, TaskPrompt prompt, int n, CancellationToken ct)
    {
        var query = prompt.ParticipantText?.Trim();
        if (prompt.ParticipantText is not null && string.IsNullOrEmpty(query)) throw PlatformProblemException.BadInput("Type a question before sending.");
        if (query is { Length: > MaxQueryLength }) throw PlatformProblemException.BadInput($"Questions are limited to {MaxQueryLength} characters.");

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        if (session.Status != SessionStatus.InProgress) throw PlatformProblemException.Conflict("This session is finished.");
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var stage = config.Stages[session.StageIndex];
        if (stage.Key != stageKey || stage.Task is null)
            throw PlatformProblemException.Conflict("This step of the study is over; the assistant is no longer available here.");
        var type = catalog.Get(stage.Task.Type);
        var condition = config.Conditions.Single(c => c.Key == session.ConditionKey);
        var decoding = prompt.Decoding ?? DecodingFor(type, stage.Task, condition);
        if (!replies.TryBegin(id, out var stop))
            throw PlatformProblemException.Conflict("Wait for the current answer to finish before asking again.");
        try
        {
            var next = await SessionCounters.ReserveTurnIndexesAsync(db, id, (query is null ? 0 : 1) + n, ct);
            if (query is not null)
            {
                var now = time.GetUtcNow();
                db.Turns.Add(new Turn
                {
                    SessionId = id, Index = next++, Role = TurnRole.Participant, Text = query, CreatedAt = now,
                    StageKey = stageKey, ItemKey = prompt.ItemKey,
                });
                session.LastSeenAt = now;
                // Saved before the model is called: the participant's words are kept whatever happens next.
                await db.SaveChangesAsync(ct);
            }
            var request = RequestFor(prompt, condition, decoding with { N = n });
            return new Call(id, next, request, new TurnPlace(stageKey, prompt.ItemKey), stop);
        }
        catch
        {
            replies.End(id, stop);
            throw;
        }
    }

    // Returns the problem to hand to the participant, or null when the reply was generated and saved.
    private async Task<Exception?> GenerateAsync(Call call, int offset, GenerationRequest request, int? choice, ChannelWriter<string> output, CancellationToken stopToken)
    {
        var record = new GenerationRecord();
        var stopped = false;
        Exception? failure = null;
        try
        {
            await foreach (var token in gateway.StreamAsync(request, record, stopToken))
                output.TryWrite(token.Text);
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            stopped = true;
        }
        catch (Exception e)
        {
            failure = e;
            log.LogError(e, "Task generation failed for session {Session} stage {Stage}", call.Session, call.Place.StageKey);
        }
        try
        {
            await recorder.SaveAsync(call.Session, call.FirstModelIndex + offset, request, record, stopped, failure,
                call.Place with { ChoiceIndex = choice });
        }
        catch (Exception e)
        {
            log.LogCritical(e, "Could not save a task reply of session {Session} stage {Stage}", call.Session, call.Place.StageKey);
            failure ??= e;
        }
        return failure is null ? null
            : new PlatformProblemException(502, "No answer", "The assistant could not answer this time. Please try again.");
    }
}
