using System.Linq.Expressions;
using InteractionLab.Api.Data;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Jobs;

/// <summary>
/// Starts background jobs on Hangfire and keeps their <see cref="JobRecord"/>s: the row is written before the job is
/// queued, each run of the job marks its start and reports progress into it, and every read checks a job that is
/// not yet final against Hangfire, so a job Hangfire gave up on (failed, deleted on the dashboard) shows as failed
/// instead of running forever. A job interrupted by a shutdown goes back to its queue (Hangfire's behaviour for
/// a cancelled job on a stopping server) and its record says so until a server starts it again.
/// </summary>
public sealed class JobStore(IDbContextFactory<PlatformDbContext> dbFactory, IBackgroundJobClient hangfire, JobStorage storage, TimeProvider time, ILogger<JobStore> log)
{
    /// <summary>
    /// Saves <paramref name="record"/> as queued together with whatever else <paramref name="db"/> tracks (the audit
    /// entry of the start), then queues <paramref name="run"/> on Hangfire.
    /// </summary>
    public async Task StartAsync<TJob>(PlatformDbContext db, JobRecord record, Expression<Func<TJob, Task>> run, CancellationToken ct)
    {
        record.State = JobState.Queued;
        record.CreatedAt = record.UpdatedAt = time.GetUtcNow();
        db.Jobs.Add(record);
        await db.SaveChangesAsync(ct);
        try
        {
            record.HangfireJobId = hangfire.Enqueue(run);
        }
        catch (Exception e)
        {
            log.LogError(e, "Job {Job} could not be queued", record.Id);
            await EndAsync(record.Id, $"The job could not be queued ({e.Message}); start it again.");
            throw;
        }
        await db.Jobs.Where(j => j.Id == record.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.HangfireJobId, record.HangfireJobId), ct);
    }

    /// <summary>
    /// Marks that a server starts (or, after a restart, starts again) the job: running, one more attempt. Null when
    /// there is nothing to do: the record is gone or already final (Hangfire may run a job again after it ended).
    /// </summary>
    public async Task<JobRecord?> BeginAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Jobs.SingleOrDefaultAsync(j => j.Id == id, ct);
        if (record is null || IsFinal(record.State)) return null;
        record.State = JobState.Running;
        record.Attempts++;
        record.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>A progress writer for a running job.</summary>
    public JobProgress Progress(Guid id) => new(this, id, log);

    /// <summary>Writes a job's state and progress, unless it already ended (a final state is never overwritten).</summary>
    internal async Task ReportAsync(Guid id, JobState state, string progressJson)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = time.GetUtcNow();
        await db.Jobs.Where(j => j.Id == id && (j.State == JobState.Queued || j.State == JobState.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, state).SetProperty(j => j.ProgressJson, progressJson).SetProperty(j => j.UpdatedAt, now));
    }

    /// <summary>A job of <paramref name="kind"/> by id (of <paramref name="studyId"/> when given), checked against Hangfire.</summary>
    public async Task<JobRecord?> FindAsync(JobKind kind, Guid id, Guid? studyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.Kind == kind && (studyId == null || j.StudyId == studyId), ct);
        return record is null ? null : await CheckAsync(db, record, ct);
    }

    /// <summary>The study's latest job of <paramref name="kind"/>, checked against Hangfire.</summary>
    public async Task<JobRecord?> LatestAsync(JobKind kind, Guid studyId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Jobs.AsNoTracking().Where(j => j.StudyId == studyId && j.Kind == kind)
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).FirstOrDefaultAsync(ct);
        return record is null ? null : await CheckAsync(db, record, ct);
    }

    /// <summary>The study's latest <paramref name="take"/> jobs of <paramref name="kind"/>, newest first, each checked against Hangfire.</summary>
    public async Task<IReadOnlyList<JobRecord>> RecentAsync(JobKind kind, Guid studyId, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var records = await db.Jobs.AsNoTracking().Where(j => j.StudyId == studyId && j.Kind == kind)
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(take).ToListAsync(ct);
        var checkedRecords = new List<JobRecord>(records.Count);
        foreach (var record in records) checkedRecords.Add(await CheckAsync(db, record, ct));
        return checkedRecords;
    }

    /// <summary>Whether a state is final.</summary>
    public static bool IsFinal(JobState state) => state is JobState.Succeeded or JobState.Failed;

    private async Task<JobRecord> CheckAsync(PlatformDbContext db, JobRecord record, CancellationToken ct)
    {
        if (IsFinal(record.State) || record.HangfireJobId is null) return record;
        var why = WhyHangfireEnded(record.HangfireJobId);
        if (why is null) return record;
        // Conditional, so a job that saved its own end between the two reads keeps it.
        await EndAsync(record.Id, why);
        return await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == record.Id, ct);
    }

    private string? WhyHangfireEnded(string hangfireJobId)
    {
        using var connection = storage.GetConnection();
        var state = connection.GetStateData(hangfireJobId);
        if (state is null) return "Its background job no longer exists, so it will not finish; start it again.";
        if (state.Name == FailedState.StateName)
            return $"Its background job failed ({(state.Data.TryGetValue("ExceptionMessage", out var m) ? m : state.Reason)}); start it again.";
        if (state.Name == DeletedState.StateName)
            return "Its background job was deleted (on the jobs dashboard), so it will not finish; start it again.";
        if (state.Name == SucceededState.StateName) return "Its background job ended without saving an outcome; start it again.";
        return null;
    }

    private async Task EndAsync(Guid id, string why)
    {
        if (why.Length > 2000) why = why[..2000];
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = time.GetUtcNow();
        await db.Jobs.Where(j => j.Id == id && (j.State == JobState.Queued || j.State == JobState.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, JobState.Failed).SetProperty(j => j.Failure, why).SetProperty(j => j.UpdatedAt, now));
    }
}
