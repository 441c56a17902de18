using Hangfire;
using InteractionLab.Domain;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>
/// Intake that could not run at once (a save inside a transaction, a failed attempt) as a Hangfire job: it survives a
/// restart, any instance may run it, and a failure is retried by Hangfire's own back-off. Both steps are idempotent.
/// </summary>
public sealed class IntakeJob(ItemIntake intake)
{
    /// <summary>Queues the intake of <paramref name="completed"/> and the removal of <paramref name="withdrawn"/>.</summary>
    public static void Enqueue(IBackgroundJobClient jobs, IReadOnlyCollection<SessionId> completed, IReadOnlyCollection<SessionId> withdrawn) =>
        jobs.Enqueue<IntakeJob>(job => job.RunAsync(completed.Select(s => s.Value).ToArray(), withdrawn.Select(s => s.Value).ToArray(), CancellationToken.None));

    /// <summary>Runs the intake (Hangfire calls this).</summary>
    public async Task RunAsync(Guid[] completed, Guid[] withdrawn, CancellationToken ct)
    {
        if (withdrawn.Length > 0) await intake.RemoveWithdrawnAsync([.. withdrawn.Select(g => new SessionId(g))], ct);
        if (completed.Length > 0) await intake.IngestSessionsAsync([.. completed.Select(g => new SessionId(g))], ct);
    }
}
