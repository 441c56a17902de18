using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.Data;

namespace InteractionLab.Api.Jobs;

/// <summary>
/// The parts every kind of job shares around its <see cref="JobRecord"/>: the record a start saves (who, which study,
/// the request as JSON), the request read back, and the view a page or REST client polls (the last progress the job
/// reported, or its queued view before the first report).
/// </summary>
public static class JobRecords
{
    /// <summary>A new record of a <paramref name="kind"/> job of <paramref name="studyId"/> that <paramref name="user"/> starts.</summary>
    public static JobRecord New<TRequest>(Guid id, JobKind kind, Guid studyId, ClaimsPrincipal user, TRequest request) => new()
    {
        Id = id, Kind = kind, StudyId = studyId, StartedBy = user.Identity?.Name ?? "anonymous",
        RequestJson = JsonSerializer.Serialize(request, JobProgress.Json),
    };

    /// <summary>The request <paramref name="record"/> was started with.</summary>
    public static TRequest RequestOf<TRequest>(JobRecord record) => JsonSerializer.Deserialize<TRequest>(record.RequestJson, JobProgress.Json)!;

    /// <summary>The last view the job reported, or <paramref name="queued"/> before its first report.</summary>
    public static TView ViewOf<TView>(JobRecord record, Func<TView> queued) =>
        record.ProgressJson is { } json ? JsonSerializer.Deserialize<TView>(json, JobProgress.Json)! : queued();
}
