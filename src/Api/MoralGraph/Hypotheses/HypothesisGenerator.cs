using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hangfire;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Jobs;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.MoralGraph.Hypotheses;

/// <summary>
/// Writes draft wiser-than hypotheses for one question of a study with a language model: settles the contexts (given,
/// the interview stage's <c>contexts</c> setting, or proposed by the model), groups the canonical values by context,
/// then asks for first-person stories of moving from one value to another, one context at a time. Each step is a
/// structured-JSON call at low temperature with the prompt of <see cref="HypothesisPrompt"/>. Jobs run on Hangfire
/// (<see cref="RunAsync"/>) and report progress into their <see cref="JobRecord"/>, which any instance reads; the drafts
/// are stored together at the end (with the audit entry), so a failed job stores nothing, and a job interrupted by a
/// restart starts again from the beginning when a server picks it up.
/// </summary>
public sealed class HypothesisGenerator(
    IDbContextFactory<PlatformDbContext> dbFactory, LanguageModelGateway gateway, IStudyAccess access, AuditLog audit, JobStore jobs, TimeProvider time,
    ILogger<HypothesisGenerator> log)
{
    /// <summary>Audit action of storing a job's drafts.</summary>
    public const string GeneratedAction = "hypotheses.generate";
    /// <summary>Temperature of every step: the stories should follow the cards, not wander.</summary>
    public const float Temperature = 0.2f;

    /// <summary>What a job shows while a restart keeps it waiting.</summary>
    public const string InterruptedStep = "Interrupted by a server restart; it starts again from the beginning when a server is back";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Answers = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>
    /// Queues a job for a study <paramref name="user"/> may manage (404 otherwise). 400 problem for a missing question
    /// or model, or a question with fewer than two canonical values.
    /// </summary>
    public async Task<HypothesisGenerationView> StartAsync(ClaimsPrincipal user, Guid studyId, HypothesisGenerationRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.QuestionId)) errors.Add(nameof(request.QuestionId), "Choose the question whose values the stories connect.");
        if (string.IsNullOrWhiteSpace(request.Endpoint) || string.IsNullOrWhiteSpace(request.Model))
            errors.Add(nameof(request.Model), "Choose the endpoint and model that write the stories.");
        PlatformProblemException.RefuseIfAny(errors, "The generation settings need attention; nothing was started.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var question = request.QuestionId.Trim();
        var values = await db.ValuesCards.Where(c => c.StudyId == study.Id && c.QuestionId == question).Select(c => c.ValueId).Distinct().CountAsync(ct);
        if (values < 2)
            throw PlatformProblemException.BadInput(
                $"Question '{question}' has {values} canonical value(s); stories need at least two to connect. Import or collect values first.");
        var clean = request with
        {
            QuestionId = question, Endpoint = request.Endpoint.Trim(), Model = request.Model.Trim(),
            Contexts = Clean(request.Contexts ?? []),
        };
        var id = Guid.NewGuid();
        var record = JobRecords.New(id, JobKind.HypothesisGeneration, study.Id, user, clean);
        await jobs.StartAsync<HypothesisGenerator>(db, record, g => g.RunAsync(id, CancellationToken.None), ct);
        return View(record);
    }

    /// <summary>A generation job of <paramref name="studyId"/> (started on any server), or null.</summary>
    public async Task<HypothesisGenerationView?> FindAsync(Guid studyId, Guid id, CancellationToken ct = default) =>
        await jobs.FindAsync(JobKind.HypothesisGeneration, id, studyId, ct) is { } record ? View(record) : null;

    /// <summary>The study's latest generation job, or null.</summary>
    public async Task<HypothesisGenerationView?> LatestAsync(Guid studyId, CancellationToken ct = default) =>
        await jobs.LatestAsync(JobKind.HypothesisGeneration, studyId, ct) is { } record ? View(record) : null;

    private static HypothesisGenerationView View(JobRecord record)
    {
        var view = JobRecords.ViewOf(record, () => new HypothesisGenerationView(
            record.Id, record.StudyId, JobRecords.RequestOf<HypothesisGenerationRequest>(record).QuestionId, GenerationStatus.Queued, 0, 1, null, 0, null));
        return record.Failure is null ? view : view with { Status = GenerationStatus.Failed, Step = null, Message = record.Failure };
    }

    private static HypothesisGenerationRequest Request(JobRecord record) =>
        JsonSerializer.Deserialize<HypothesisGenerationRequest>(record.RequestJson, JobProgress.Json)!;

    /// <summary>
    /// Runs one job to its end (Hangfire calls this on any instance); failures end up in the job (never thrown), with
    /// nothing stored. A shutdown puts the job back in Hangfire's queue and says so on its record.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        if (await jobs.BeginAsync(id, ct) is not { } record) return;
        var job = new HypothesisGeneration(record.Id, record.StudyId, Request(record), record.StartedBy);
        var progress = jobs.Progress(id);
        job.Changed += v => progress.Report(v.Status switch
        {
            GenerationStatus.Queued => JobState.Queued,
            GenerationStatus.Running => JobState.Running,
            GenerationStatus.Succeeded => JobState.Succeeded,
            _ => JobState.Failed,
        }, v);
        var again = record.Attempts > 1 ? "Started again after a server restart. " : "";
        if (again.Length > 0) job.At("Starting again after a server restart");
        try
        {
            var (created, note) = await GenerateAsync(job, ct);
            job.Succeed(created, again.Length > 0 || note is not null ? (again + note).Trim() : null);
        }
        catch (GenerationFailure e)
        {
            job.Fail(e.Message);
        }
        catch (PlatformProblemException e)
        {
            job.Fail($"{e.Detail} Nothing was stored.");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            job.Interrupt(InterruptedStep);
            await progress.FlushAsync();
            throw;
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Hypothesis generation {Job} failed", job.Id);
            job.Fail($"The model could not be asked ({e.Message}); nothing was stored.");
        }
        await progress.FlushAsync();
    }

    private async Task<(int Created, string? Note)> GenerateAsync(HypothesisGeneration job, CancellationToken ct)
    {
        var request = job.Request;
        var prompt = HypothesisPrompt.Shipped;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var study = await db.Studies.SingleAsync(s => s.Id == job.StudyId, ct);
        var values = await CanonicalValuesAsync(db, job.StudyId, request.QuestionId, ct);
        var model = new ModelRef(request.Endpoint, request.Model);

        var contexts = request.Contexts is { Count: > 0 } given ? given : await StudyContextsAsync(db, job.StudyId, ct);
        var proposing = contexts.Count == 0;
        job.Plan((proposing ? 1 : 0) + 1 + Math.Max(1, contexts.Count));
        if (proposing)
        {
            job.At("Proposing contexts");
            var answer = await AskAsync<ContextsAnswer>(model, prompt.For(HypothesisPrompt.Contexts), new { values = Cards(values) }, "proposing contexts", ct);
            contexts = Clean(Present(answer.Contexts));
            if (contexts.Count == 0) throw new GenerationFailure("The model proposed no context, so no story could be written; nothing was stored. Name the contexts yourself and generate again.");
            job.StepDone();
        }

        job.At("Grouping values by context");
        var grouped = await AskAsync<GroupsAnswer>(model, prompt.For(HypothesisPrompt.Group), new { contexts, values = Cards(values) }, "grouping the values by context", ct);
        var ids = values.Select(v => v.ValueId).ToHashSet(StringComparer.Ordinal);
        var groups = new List<(string Context, List<string> ValueIds)>();
        foreach (var item in Present(grouped.Contexts))
        {
            // The model may change a context's case; the stored context is always the one it was given.
            var context = contexts.FirstOrDefault(c => string.Equals(c, item.Context?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (context is null || groups.Any(g => g.Context == context)) continue;
            var members = Present(item.ValueIds).Where(ids.Contains).Distinct(StringComparer.Ordinal).ToList();
            if (members.Count >= 2) groups.Add((context, members));
        }
        job.StepDone();
        if (groups.Count == 0)
            throw new GenerationFailure("The model put no two values under the same context, so there is nothing to compare; nothing was stored.");
        job.Plan((proposing ? 1 : 0) + 1 + groups.Count);

        var existing = (await db.WiserHypotheses.Where(h => h.StudyId == job.StudyId && h.QuestionId == request.QuestionId)
                .Select(h => new { h.FromValueId, h.ToValueId, h.Context }).ToListAsync(ct))
            .Select(h => (h.FromValueId, h.ToValueId, h.Context)).ToHashSet();
        var drafts = new List<WiserHypothesis>();
        int skipped = 0, duplicates = 0;
        var now = time.GetUtcNow();
        foreach (var (context, members) in groups)
        {
            job.At($"Writing stories for \"{context}\"");
            var cards = Cards(values.Where(v => members.Contains(v.ValueId)));
            var answer = await AskAsync<StoriesAnswer>(model, prompt.For(HypothesisPrompt.Stories), new { context, values = cards }, $"writing the stories for \"{context}\"", ct);
            foreach (var item in Present(answer.Hypotheses))
            {
                var from = item.FromValueId;
                var to = item.ToValueId;
                var story = item.Story?.Trim();
                if (from is null || to is null || from == to || !members.Contains(from) || !members.Contains(to)
                    || string.IsNullOrEmpty(story) || story.Length > 5000)
                {
                    skipped++;
                    continue;
                }
                if (!existing.Add((from, to, context)))
                {
                    duplicates++;
                    continue;
                }
                drafts.Add(new WiserHypothesis
                {
                    StudyId = job.StudyId, QuestionId = request.QuestionId, FromValueId = from, ToValueId = to, Context = context,
                    Story = story, Status = HypothesisStatus.Draft, Model = $"{request.Endpoint}/{request.Model}", PromptHash = prompt.Hash,
                    CreatedAt = now,
                });
            }
            job.StepDone();
        }
        if (drafts.Count == 0 && duplicates == 0 && skipped > 0)
            throw new GenerationFailure($"None of the model's {skipped} stories could be used (unknown value ids, a value paired with itself, or no text); nothing was stored.");

        db.WiserHypotheses.AddRange(drafts);
        audit.Record(db, job.StartedBy, GeneratedAction, study.Slug, study.Id,
            $"{drafts.Count} draft(s) for question '{request.QuestionId}' by {request.Endpoint}/{request.Model}, prompt {prompt.Hash[..12]}, {skipped} skipped");
        await db.SaveChangesAsync(ct);
        var note = skipped > 0 ? $"{skipped} of the model's stories were skipped (unknown value ids, a value paired with itself, or no text)." : null;
        if (drafts.Count == 0) note = "Every story the model wrote already exists; nothing new was stored.";
        return (drafts.Count, note);
    }

    /// <summary>One card per canonical value (the first stored card of each value id).</summary>
    internal static async Task<List<ValuesCardRecord>> CanonicalValuesAsync(PlatformDbContext db, Guid studyId, string question, CancellationToken ct) =>
        (await db.ValuesCards.AsNoTracking().Where(c => c.StudyId == studyId && c.QuestionId == question).OrderBy(c => c.Id).ToListAsync(ct))
            .DistinctBy(c => c.ValueId).ToList();

    private static async Task<IReadOnlyList<string>> StudyContextsAsync(PlatformDbContext db, Guid studyId, CancellationToken ct)
    {
        var json = await db.StudyVersions.Where(v => v.StudyId == studyId).OrderByDescending(v => v.Number).Select(v => v.ConfigJson).FirstOrDefaultAsync(ct);
        if (json is null) return [];
        var stage = ConfigHash.Parse(json).Stages.FirstOrDefault(s => s.Task?.LinesSetting("contexts").Count > 0);
        return stage is null ? [] : Clean(stage.Task!.LinesSetting("contexts"));
    }

    private static object[] Cards(IEnumerable<ValuesCardRecord> values) =>
        values.Select(v => (object)new
        {
            id = v.ValueId, title = v.Title, description = v.Description,
            policies = JsonSerializer.Deserialize<string[]>(v.PoliciesJson) ?? [],
        }).ToArray();

    // One structured step at low temperature; an answer that is not the object the prompt asks for fails the job.
    private async Task<T> AskAsync<T>(ModelRef model, string system, object data, string what, CancellationToken ct) where T : class
    {
        ChatMessage[] messages = [new(ChatRole.System, system), new(ChatRole.User, JsonSerializer.Serialize(data, Json))];
        var options = new ChatOptions { Temperature = Temperature, MaxOutputTokens = 2000 };
        var response = await gateway.GetResponseAsync<T>(model, messages, options, Answers, ct);
        if (JsonAnswers.Result(response).Value is { } answer) return answer;
        var text = response.Text.Trim();
        var start = text.Length > 120 ? text[..120] + "…" : text;
        throw new GenerationFailure(
            $"The model's answer when {what} is not the JSON object the prompt asks for, so nothing was stored. It began: \"{start.Trim()}\". Use a model that follows JSON instructions, then generate again.");
    }

    private static IEnumerable<T> Present<T>(IEnumerable<T?>? items) where T : class => (items ?? []).OfType<T>();

    private static List<string> Clean(IEnumerable<string> contexts) =>
        contexts.Select(c => c.Trim()).Where(c => c.Length is > 0 and <= 1000).Distinct(StringComparer.Ordinal).ToList();

    private sealed class GenerationFailure(string message) : Exception(message);

    // The structured answers of the three steps (the prompts in Prompts/wiser-hypotheses.md describe them).
    private sealed record ContextsAnswer(List<string?>? Contexts);
    private sealed record GroupsAnswer(List<ContextGroup?>? Contexts);
    private sealed record ContextGroup(string? Context, List<string?>? ValueIds);
    private sealed record StoriesAnswer(List<StoryDraft?>? Hypotheses);
    private sealed record StoryDraft(string? FromValueId, string? ToValueId, string? Story);
}
