using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json;
using Hangfire;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Jobs;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Annotation.Judges;

/// <summary>
/// An LM judge: a model from the registry rates a project's regular items with the project's guidelines and form
/// (<see cref="JudgePrompt"/>), as a Hangfire job with its <see cref="JobRecord"/> and progress. Its ratings are stored
/// like a human's, from an annotator of kind <see cref="AnnotatorKind.Model"/> (one per model and project, with the
/// seed and the prompt's hash), so exports and agreement read them the same way; each item's raw answer is kept as
/// the sample it came from. A judge never takes a human's place: items' rater counts and the human aggregates leave
/// it out. A second run of the same model continues with the items it has not rated; a restart resumes the same way.
/// </summary>
public sealed class AnnotationJudge(IServiceScopeFactory scopes, IDbContextFactory<PlatformDbContext> contexts, LanguageModelGateway gateway, IStudyAccess access, AuditLog audit, JobStore jobs,
    TimeProvider time, ILogger<AnnotationJudge> log)
{
    /// <summary>Skip reason of an item whose answer could not be read as the form (asked again by the next run).</summary>
    public const string UnreadableReason = "The answer is not the form's JSON.";

    /// <summary>Most tokens a judge's answer may take.</summary>
    public const int MaxAnswerTokens = 400;

    /// <summary>Fewest tokens left for the answer for an item to be sent (a JSON object of a few answers).</summary>
    public const int MinAnswerTokens = 32;

    /// <summary>Audit action of starting a judge run.</summary>
    public const string StartedAction = "annotation.judge";

    /// <summary>Queues a run on a project of a study <paramref name="user"/> manages; 400 for a missing model, 404 for another study's project.</summary>
    public async Task<JudgeRunView> StartAsync(ClaimsPrincipal user, Guid studyId, Guid projectId, JudgeRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Endpoint) || string.IsNullOrWhiteSpace(request.Model))
            throw PlatformProblemException.BadInput("Choose the endpoint and model that rate the items; nothing was started.",
                new Dictionary<string, string[]> { ["model"] = ["Choose the endpoint and model that rate the items."] });
        if (request.Temperature is < 0 or > 2)
            throw PlatformProblemException.BadInput("The temperature must be between 0 and 2; nothing was started.",
                new Dictionary<string, string[]> { ["temperature"] = ["Between 0 and 2."] });
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        if (!await db.AnnotationProjects.AnyAsync(p => p.Id == projectId && p.StudyId == study.Id, ct))
            throw new PlatformProblemException(404, "Project not found", "The study has no such annotation project.");
        var clean = request with { Endpoint = request.Endpoint.Trim(), Model = request.Model.Trim() };
        var id = Guid.NewGuid();
        var record = new JobRecord
        {
            Id = id, Kind = JobKind.AnnotationJudge, StudyId = study.Id, StartedBy = user.Identity?.Name ?? "anonymous",
            RequestJson = JsonSerializer.Serialize(new StoredRequest(projectId, clean), JobProgress.Json),
        };
        audit.Record(db, user, StartedAction, study.Slug, study.Id, $"project {projectId} by {clean.Endpoint}/{clean.Model}, seed {clean.Seed}");
        await jobs.StartAsync<AnnotationJudge>(db, record, j => j.RunAsync(id, CancellationToken.None), ct);
        return View(record);
    }

    /// <summary>A judge run of <paramref name="studyId"/>, or null.</summary>
    public async Task<JudgeRunView?> FindAsync(Guid studyId, Guid jobId, CancellationToken ct = default) =>
        await jobs.FindAsync(JobKind.AnnotationJudge, jobId, studyId, ct) is { } record ? View(record) : null;

    /// <summary>The project's judge runs, newest first (among the study's latest 50 judge runs).</summary>
    public async Task<IReadOnlyList<JudgeRunView>> ListAsync(Guid studyId, Guid projectId, CancellationToken ct = default) =>
        (await jobs.RecentAsync(JobKind.AnnotationJudge, studyId, 50, ct)).Select(View).Where(v => v.ProjectId == projectId).ToList();

    private static JudgeRunView View(JobRecord record)
    {
        var request = JsonSerializer.Deserialize<StoredRequest>(record.RequestJson, JobProgress.Json)!;
        var view = record.ProgressJson is { } json
            ? JsonSerializer.Deserialize<JudgeRunView>(json, JobProgress.Json)!
            : new JudgeRunView(record.Id, request.ProjectId, $"{request.Judge.Endpoint}/{request.Judge.Model}", record.State, 0, 0, 0, null);
        return record.Failure is null ? view with { State = record.State } : view with { State = JobState.Failed, Message = record.Failure };
    }

    /// <summary>Runs one job to its end (Hangfire calls this on any instance); failures end up in the job, never thrown.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        if (await jobs.BeginAsync(id, ct) is not { } record) return;
        var request = JsonSerializer.Deserialize<StoredRequest>(record.RequestJson, JobProgress.Json)!;
        var progress = jobs.Progress(id);
        var view = new JudgeRunView(id, request.ProjectId, $"{request.Judge.Endpoint}/{request.Judge.Model}", JobState.Running, 0, 0, 0, null);
        try
        {
            view = await JudgeAsync(request, view, v => progress.Report(JobState.Running, view = v), ct);
            progress.Report(JobState.Succeeded, view with { State = JobState.Succeeded });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            progress.Report(JobState.Queued, view with { State = JobState.Queued, Message = "Interrupted by a server restart; it continues with the items not yet rated." });
            await progress.FlushAsync();
            throw;
        }
        catch (Exception e)
        {
            log.LogWarning(e, "LM judge {Job} failed", id);
            progress.Report(JobState.Failed, view with { State = JobState.Failed, Message = $"The model could not be asked ({e.Message}). Ratings stored so far are kept." });
        }
        await progress.FlushAsync();
    }

    private async Task<JudgeRunView> JudgeAsync(StoredRequest request, JudgeRunView view, Action<JudgeRunView> report, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var project = await db.AnnotationProjects.AsNoTracking().SingleAsync(p => p.Id == request.ProjectId, ct);
        var config = ProjectConfigJson.Parse(project.ConfigJson);
        var judge = await JudgeOfAsync(db, project.Id, request.Judge, ct);
        var items = await db.AnnotationItems.AsNoTracking()
            .Where(i => i.ProjectId == project.Id && i.Role == AnnotationItemRole.Regular).OrderBy(i => i.Id).Select(i => new { i.Id, i.ContentJson }).ToListAsync(ct);
        // Items with ratings are done; an earlier unreadable answer (kept as a skipped assignment) is asked again.
        var earlier = await db.AnnotationAssignments.AsNoTracking().Where(a => a.AnnotatorId == judge.Id)
            .ToDictionaryAsync(a => a.ItemId, a => (a.Id, a.Status), ct);
        var done = earlier.Count(e => e.Value.Status == AssignmentStatus.Submitted);
        var unreadable = 0;
        var position = earlier.Count;
        var tooLong = 0;
        var model = new ModelRef(request.Judge.Endpoint, request.Judge.Model);
        var window = gateway.ContextOf(model);
        report(view with { Done = done, Total = items.Count });
        var system = JudgePrompt.System(config);
        foreach (var item in items.Where(i => !earlier.TryGetValue(i.Id, out var e) || e.Status != AssignmentStatus.Submitted))
        {
            var content = JsonSerializer.Deserialize<ItemContent>(item.ContentJson, ConfigHash.Json)!;
            var call = new JudgeCall(system, JudgePrompt.Item(content), request.Judge.Seed, request.Judge.Temperature);
            List<ChatMessage> messages = [new(ChatRole.System, call.System), new(ChatRole.User, call.User)];
            var clock = Stopwatch.StartNew();
            // An item the model cannot read whole is not sent (the call would fail and end the run); the sample says why.
            var tokens = window?.CountTokens(messages, false) ?? 0;
            string? answer = null, why;
            IReadOnlyList<SurveyAnswer>? answers = null;
            if (window is not null && tokens + MinAnswerTokens > window.Length)
            {
                tooLong++;
                why = $"Not asked: the item's prompt has {tokens} tokens and the model reads at most {window.Length} (with room for an answer).";
            }
            else
            {
                var options = new ChatOptions
                {
                    Temperature = call.Temperature, Seed = call.Seed, ResponseFormat = ChatResponseFormat.Json,
                    MaxOutputTokens = window is null ? MaxAnswerTokens : Math.Min(MaxAnswerTokens, window.Length - tokens),
                };
                answer = (await gateway.GetResponseAsync(model, messages, options, ct)).Text;
                (answers, _) = JudgeAnswers.Read(config, content, answer);
                why = answers is null ? UnreadableReason : null;
                if (answers is null) unreadable++;
            }
            var now = time.GetUtcNow();
            if (answers is not null) done++;
            // A context per item (the platform's rule outside requests): nothing piles up in a long run's change tracker.
            await using (var save = await contexts.CreateDbContextAsync(ct))
            {
                var assignment = earlier.TryGetValue(item.Id, out var e)
                    ? await save.AnnotationAssignments.SingleAsync(a => a.Id == e.Id, ct)
                    : save.AnnotationAssignments.Add(new AnnotationAssignment
                    {
                        ProjectId = project.Id, ItemId = item.Id, AnnotatorId = judge.Id, Position = ++position, ProjectConfigHash = project.ConfigHash,
                    }).Entity;
                assignment.Status = answers is null ? AssignmentStatus.Skipped : AssignmentStatus.Submitted;
                assignment.SkipReason = why;
                (assignment.LeasedAt, assignment.LeaseExpiresAt, assignment.SubmittedAt, assignment.Seconds) = (now, now, now, clock.Elapsed.TotalSeconds);
                assignment.ProjectConfigHash = project.ConfigHash;
                // The sample and what produced it are kept even when unreadable: a researcher sees why nothing was stored.
                (assignment.ModelAnswer, assignment.ModelRequestJson) = (answer, JsonSerializer.Serialize(call, JobProgress.Json));
                await save.SaveChangesAsync(ct);
                if (answers is not null)
                {
                    save.AnnotationRatings.AddRange(answers.Select(a => new AnnotationRating
                    {
                        ProjectId = project.Id, AssignmentId = assignment.Id, ItemId = item.Id, AnnotatorId = judge.Id, QuestionKey = a.ItemKey,
                        TurnIndex = a.TurnIndex, Value = a.Value, SubmittedAt = now,
                    }));
                    await save.SaveChangesAsync(ct);
                }
            }
            report(view with { Done = done, Total = items.Count, Unreadable = unreadable });
        }
        var problems = new List<string>();
        if (unreadable > 0) problems.Add($"{unreadable} item(s) got an answer that is not the form's JSON; nothing was stored for them. Run the judge again to retry them.");
        if (tooLong > 0) problems.Add($"{tooLong} item(s) are longer than the model's context window ({window!.Length} tokens with room for an answer); they were not asked.");
        var message = problems.Count == 0 ? null : string.Join(" ", problems);
        return view with { Done = done, Total = items.Count, Unreadable = unreadable, Message = message };
    }

    // The project's judge for this model: made on the first run, reused (with its first seed and prompt hash) after.
    private async Task<Annotator> JudgeOfAsync(PlatformDbContext db, Guid projectId, JudgeRequest request, CancellationToken ct)
    {
        var name = $"{request.Endpoint}/{request.Model}";
        if (await db.Annotators.SingleOrDefaultAsync(a => a.ProjectId == projectId && a.Model == name, ct) is { } existing) return existing;
        var judge = new Annotator
        {
            ProjectId = projectId, Kind = AnnotatorKind.Model, Model = name, JudgeSeed = request.Seed, JudgePromptHash = JudgePrompt.TemplateHash,
            CreatedAt = time.GetUtcNow(),
        };
        db.Annotators.Add(judge);
        await db.SaveChangesAsync(ct);
        return judge;
    }

    private sealed record StoredRequest(Guid ProjectId, JudgeRequest Judge);
}
