using System.Text.Json;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Api.Jobs;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Judges;

/// <summary>
/// What LM judges were asked and answered, item by item: the recorded call (messages, seed, temperature) and the raw
/// sample, readable or not, newest first. Items are named by their pseudonymous ids, as everywhere researchers look.
/// </summary>
public sealed class JudgeSamples(IDbContextFactory<PlatformDbContext> contexts)
{
    /// <summary>Most samples one read returns.</summary>
    public const int MaxTake = 200;

    /// <summary>The project's judge samples (of one model when <paramref name="model"/> is given), newest first.</summary>
    public async Task<JudgeSamplePage> ListAsync(Guid projectId, string? model = null, int skip = 0, int take = 20, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = from a in db.AnnotationAssignments.AsNoTracking()
                    join j in db.Annotators.AsNoTracking() on a.AnnotatorId equals j.Id
                    join i in db.AnnotationItems.AsNoTracking() on a.ItemId equals i.Id
                    where a.ProjectId == projectId && j.Kind == AnnotatorKind.Model && (model == null || j.Model == model)
                    select new { a.Id, Model = j.Model ?? "model", Item = i.PublicId, a.Status, a.SubmittedAt, a.ModelRequestJson, a.ModelAnswer, a.SkipReason, a.ProjectConfigHash };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxTake)).ToListAsync(ct);
        return new JudgeSamplePage(total, rows.Select(r => new JudgeSampleView(r.Item, r.Model, r.Status == AssignmentStatus.Submitted, r.SubmittedAt,
            r.ModelRequestJson is { } json ? JsonSerializer.Deserialize<JudgeCall>(json, JobProgress.Json) : null, r.ModelAnswer, r.SkipReason, r.ProjectConfigHash)).ToList());
    }
}

/// <summary>A page of judge samples.</summary>
/// <param name="Total">Samples in all.</param>
/// <param name="Samples">This page, newest first.</param>
public sealed record JudgeSamplePage(int Total, IReadOnlyList<JudgeSampleView> Samples);

/// <summary>One item an LM judge was asked about.</summary>
/// <param name="ItemId">The item's pseudonymous id.</param>
/// <param name="Model">"endpoint/model".</param>
/// <param name="Readable">Whether the answer was the form's JSON (its ratings are stored); otherwise the next run asks again.</param>
/// <param name="At">When it answered.</param>
/// <param name="Call">The messages, seed and temperature sent (null for samples recorded before calls were kept).</param>
/// <param name="Answer">The model's answer as the pipeline returned it (null when the item was not sent).</param>
/// <param name="Problem">Why no rating was stored (an answer that is not the form's JSON, a prompt too long for the model); null when rated.</param>
/// <param name="ProjectConfigHash">The project config the item was judged under.</param>
public sealed record JudgeSampleView(Guid ItemId, string Model, bool Readable, DateTimeOffset? At, JudgeCall? Call, string? Answer, string? Problem, string ProjectConfigHash);
