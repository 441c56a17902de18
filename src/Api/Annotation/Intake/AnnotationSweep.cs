using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>
/// The safety net of intake (sessions the interceptor could not take at once are <see cref="IntakeJob"/>s): every few
/// minutes (and at start-up) every project is backfilled and its expired leases returned, so nothing a crash or a restart
/// interrupted stays missing. All of it is idempotent, so any number of instances may sweep. Clock: TimeProvider.
/// </summary>
public sealed class AnnotationSweep(ItemIntake intake, IDbContextFactory<PlatformDbContext> contexts,
    IOptions<AnnotationOptions> options, TimeProvider time, ILogger<AnnotationSweep> log) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => SweepLoopAsync(stoppingToken);

    /// <summary>Backfills every open or paused project and expires their stale leases.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var projects = await db.AnnotationProjects.AsNoTracking().Where(p => p.Status != AnnotationProjectStatus.Closed)
            .Select(p => new { p.Id, p.ConfigJson }).ToListAsync(ct);
        foreach (var p in projects)
        {
            try
            {
                await intake.BackfillAsync(p.Id, ct);
                await LeaseExpiry.ExpireAsync(db, p.Id, ProjectConfigJson.Parse(p.ConfigJson).RatersPerItem, time.GetUtcNow(), ct);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                log.LogError(e, "Sweeping annotation project {Project} failed; the next sweep retries.", p.Id);
            }
        }
    }

    private async Task SweepLoopAsync(CancellationToken ct)
    {
        try
        {
            await SweepAsync(ct);
            if (options.Value.SweepMinutes <= 0) return;
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.SweepMinutes), time);
            while (await timer.WaitForNextTickAsync(ct)) await SweepAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
