using System.Runtime.CompilerServices;
using InteractionLab.Api.Data;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tasks;

/// <summary>
/// The model calls of task stages, recorded exactly like dialogue replies by the <see cref="ReplyRunner"/>: the
/// participant's query and every model turn (with timings, decoding settings, seed and model) are stored with the stage
/// and item they belong to, and the model's token events go into the trace. The condition decides the model; the task
/// type and the stage decide the decoding. One call per session at a time, as in the dialogue.
/// </summary>
public sealed class TaskLanguageModel(
    IDbContextFactory<PlatformDbContext> dbFactory,
    StudyConfigCache configs,
    TaskCatalog catalog,
    ReplyRunner runner,
    LanguageModelGateway gateway)
{
    /// <summary>Longest participant query accepted.</summary>
    public const int MaxQueryLength = 2000;

    private static readonly PlatformProblemException NoAnswer =
        new(502, "No answer", "The assistant could not answer this time. Please try again.");

    /// <summary>
    /// Streams one reply. The generation runs to its end on the server even if the participant leaves (it is saved
    /// either way); cancelling <paramref name="ct"/> only stops listening. <see cref="Stop"/> ends it early.
    /// <paramref name="queued"/> is called when the model is busy and the answer waits in line.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(SessionId session, string stageKey, TaskPrompt prompt,
        [EnumeratorCancellation] CancellationToken ct = default, Action? queued = null)
    {
        var (call, plan) = await BeginAsync(session, stageKey, prompt, 1, ct);
        var reader = runner.RunDetached<string>(call, async output =>
        {
            var turn = await runner.RecordAsync(call, plan, (record, token) => gateway.StreamAsync(plan.Request, record, token),
                piece => output.TryWrite(piece), queued);
            if (turn.Failure is not null || turn.Interrupted || !turn.Saved) throw NoAnswer;
        });
        await foreach (var piece in reader.ReadAllAsync(ct)) yield return piece;
    }

    /// <summary>
    /// Asks for <paramref name="n"/> completions of one prompt (suggestions), each with its own seed (seed, seed+1…)
    /// so that the set is reproducible on any endpoint; each is stored as a model turn with its choice index.
    /// Returns the cleaned texts in order (a failed completion is left out).
    /// </summary>
    public async Task<IReadOnlyList<string>> CompleteManyAsync(SessionId session, string stageKey, TaskPrompt prompt, int n, CancellationToken ct = default)
    {
        if (n is < 1 or > 10) throw PlatformProblemException.BadInput("Between 1 and 10 completions can be asked for at once.");
        var (call, plan) = await BeginAsync(session, stageKey, prompt, n, ct);
        using (call)
        {
            var texts = new List<string>(n);
            for (var i = 0; i < n; i++)
            {
                var request = plan.Request with { Seed = unchecked(plan.Request.Seed + i) };
                var choice = plan with
                {
                    Request = request, Place = plan.Place with { ChoiceIndex = i }, ParticipantText = i == 0 ? plan.ParticipantText : null,
                };
                // Suggestions are for the page that asked: leaving it stops them, like the participant's stop.
                var turn = await runner.RecordAsync(call, choice, (record, token) => gateway.StreamAsync(request, record, token), alsoStop: ct);
                if (turn.Failure is null && turn.Saved) texts.Add(turn.Text);
            }
            return texts.Count == 0 && n > 0
                ? throw new PlatformProblemException(502, "No suggestions", "The assistant could not answer this time. Please try again.")
                : texts;
        }
    }

    /// <summary>Stops the session's running call, if any.</summary>
    public bool Stop(SessionId session) => runner.Stop(session);

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

    private async Task<(ReplyCall Call, TurnPlan Plan)> BeginAsync(SessionId id, string stageKey, TaskPrompt prompt, int n, CancellationToken ct)
    {
        var query = prompt.ParticipantText?.Trim();
        if (prompt.ParticipantText is not null && string.IsNullOrEmpty(query)) throw PlatformProblemException.BadInput("Type a question before sending.");
        if (query is { Length: > MaxQueryLength }) throw PlatformProblemException.BadInput($"Questions are limited to {MaxQueryLength} characters.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        if (session.Status != SessionStatus.InProgress) throw PlatformProblemException.Conflict("This session is finished.");
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var stage = config.Stages[session.StageIndex];
        if (stage.Key != stageKey || stage.Task is null)
            throw PlatformProblemException.Conflict("This step of the study is over; the assistant is no longer available here.");
        var type = catalog.Get(stage.Task.Type);
        var condition = config.Conditions.Single(c => c.Key == session.ConditionKey);
        var decoding = prompt.Decoding ?? DecodingFor(type, stage.Task, condition);
        var call = runner.Open(id, "Wait for the current answer to finish before asking again.");
        var plan = new TurnPlan(new TurnPlace(stageKey, prompt.ItemKey), RequestFor(prompt, condition, decoding with { N = n })) { ParticipantText = query };
        return (call, plan);
    }
}
