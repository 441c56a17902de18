using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Jobs;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Validation;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Simulation;

/// <summary>
/// Starts simulation runs on Hangfire (<see cref="SimulationWorker"/>) and reads their progress from their
/// <see cref="JobRecord"/>, so any instance shows a run started on any other, also after a restart.
/// </summary>
public sealed class SimulationRuns(IDbContextFactory<PlatformDbContext> dbFactory, IStudyAccess access, AuditLog audit, JobStore jobs)
{
    /// <summary>Field path of the persona model's endpoint in a refusal's errors.</summary>
    public const string PersonaEndpointPath = nameof(SimulationRequest.PersonaModel) + "." + nameof(ModelRef.Endpoint);

    /// <summary>Field path of the persona model's model id in a refusal's errors.</summary>
    public const string PersonaModelPath = nameof(SimulationRequest.PersonaModel) + "." + nameof(ModelRef.Model);

    /// <summary>
    /// Validates and queues a run for a study <paramref name="user"/> may manage (404 problem otherwise); the start is
    /// audited. 400 problem for a count outside 1–50, no persona or no persona model.
    /// </summary>
    public async Task<SimulationRunView> StartAsync(ClaimsPrincipal user, SimulationRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Count is < 1 or > SimulationRequest.MaxCount)
            errors.Add(nameof(request.Count), $"Choose between 1 and {SimulationRequest.MaxCount} simulated participants.");
        // One path per part, so the Simulate page shows each message beside its own field.
        if (string.IsNullOrWhiteSpace(request.PersonaModel.Endpoint))
            errors.Add(PersonaEndpointPath, "Enter the endpoint of the persona model.");
        if (string.IsNullOrWhiteSpace(request.PersonaModel.Model))
            errors.Add(PersonaModelPath, "Enter the persona model.");
        var personas = request.Personas.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (personas.Count == 0) errors.Add(nameof(request.Personas), "Describe at least one persona.");
        PlatformProblemException.RefuseIfAny(errors, "The simulation settings need attention; nothing was started.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var study = await access.GetManagedAsync(db, user, request.StudyId, ct);
        if (!await db.StudyVersions.AnyAsync(v => v.StudyId == study.Id, ct))
            throw PlatformProblemException.Conflict("This study has no published version to simulate yet.");
        var id = Guid.NewGuid();
        request = request with { Personas = personas };
        audit.Record(db, user, "simulation.start", study.Slug, study.Id, JsonSerializer.Serialize(new
        {
            run = id, request.Count, personaModel = $"{request.PersonaModel.Endpoint}/{request.PersonaModel.Model}", personas,
        }, JsonSerializerOptions.Web));
        var record = JobRecords.New(id, JobKind.Simulation, study.Id, user, request);
        await jobs.StartAsync<SimulationWorker>(db, record, w => w.RunAsync(id, CancellationToken.None), ct);
        return View(record);
    }

    /// <summary>A run by id (started on any server), or null.</summary>
    public async Task<SimulationRunView?> FindAsync(Guid id, CancellationToken ct = default) =>
        await jobs.FindAsync(JobKind.Simulation, id, null, ct) is { } record ? View(record) : null;

    /// <summary>The study's latest run, or null.</summary>
    public async Task<SimulationRunView?> LatestAsync(Guid studyId, CancellationToken ct = default) =>
        await jobs.LatestAsync(JobKind.Simulation, studyId, ct) is { } record ? View(record) : null;

    private static SimulationRunView View(JobRecord record)
    {
        var view = JobRecords.ViewOf(record, () => new SimulationRunView(record.Id, record.StudyId,
            JobRecords.RequestOf<SimulationRequest>(record).Count, 0, 0, SimulationStatus.Queued, 0, null, [], []));
        return record.Failure is null
            ? view
            : view with { Status = SimulationStatus.Failed, CurrentParticipant = 0, CurrentStage = null, Failures = [.. view.Failures, "Run: " + record.Failure] };
    }
}
