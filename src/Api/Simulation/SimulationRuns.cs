using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Simulation;

/// <summary>
/// Starts simulation runs and keeps their live state (in memory: a run is a pilot, its sessions are the record).
/// Runs are queued on a channel that <see cref="SimulationWorker"/> reads one run at a time.
/// </summary>
public sealed class SimulationRuns(IServiceScopeFactory scopes, IStudyAccess access, AuditLog audit)
{
    private readonly Channel<SimulationRun> _queue = Channel.CreateUnbounded<SimulationRun>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, SimulationRun> _runs = new();

    internal ChannelReader<SimulationRun> Queue => _queue.Reader;

    /// <summary>
    /// Validates and queues a run for a study <paramref name="user"/> may manage (404 problem otherwise); the start is
    /// audited. 400 problem for a count outside 1–50, no persona or no persona model.
    /// </summary>
    public async Task<SimulationRun> StartAsync(ClaimsPrincipal user, SimulationRequest request, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Count is < 1 or > SimulationRequest.MaxCount)
            errors[nameof(request.Count)] = [$"Choose between 1 and {SimulationRequest.MaxCount} simulated participants."];
        if (string.IsNullOrWhiteSpace(request.PersonaModel.Endpoint) || string.IsNullOrWhiteSpace(request.PersonaModel.Model))
            errors[nameof(request.PersonaModel)] = ["Choose the endpoint and model that play the participants."];
        var personas = request.Personas.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (personas.Count == 0) errors[nameof(request.Personas)] = ["Describe at least one persona."];
        if (errors.Count > 0)
            throw PlatformProblemException.BadInput("The simulation settings need attention; nothing was started.", errors);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var study = await access.GetManagedAsync(db, user, request.StudyId, ct);
        if (!await db.StudyVersions.AnyAsync(v => v.StudyId == study.Id, ct))
            throw PlatformProblemException.Conflict("This study has no published version to simulate yet.");
        var run = new SimulationRun(study.Id, request with { Personas = personas }, user.Identity?.Name ?? "anonymous");
        audit.Record(db, user, "simulation.start", study.Slug, study.Id, JsonSerializer.Serialize(new
        {
            run = run.Id, request.Count, personaModel = $"{request.PersonaModel.Endpoint}/{request.PersonaModel.Model}", personas,
        }, JsonSerializerOptions.Web));
        await db.SaveChangesAsync(ct);
        _runs[run.Id] = run;
        await _queue.Writer.WriteAsync(run, ct);
        return run;
    }

    /// <summary>A run by id, if this server started it.</summary>
    public SimulationRun? Find(Guid id) => _runs.GetValueOrDefault(id);

    /// <summary>The runs of a study, newest first.</summary>
    public IReadOnlyList<SimulationRun> ForStudy(Guid studyId) =>
        _runs.Values.Where(r => r.StudyId == studyId).Reverse().ToList();
}
