namespace InteractionLab.Api.Data;

/// <summary>
/// A background job started by staff (story generation, simulated participants) and its latest progress. Hangfire
/// runs the job; this row is what every instance reads to show its progress, so a page or the REST API on any
/// server sees the same state, and the state outlives a restart.
/// </summary>
public sealed class JobRecord
{
    /// <summary>The job's id, as the pages and the REST API name it.</summary>
    public Guid Id { get; set; }
    /// <summary>What the job does.</summary>
    public JobKind Kind { get; set; }
    /// <summary>The study it works on.</summary>
    public Guid StudyId { get; set; }
    /// <summary>Who started it (the actor of what it stores).</summary>
    public required string StartedBy { get; set; }
    /// <summary>What was asked for (the kind's request record as JSON).</summary>
    public required string RequestJson { get; set; }
    /// <summary>Where it is.</summary>
    public JobState State { get; set; }
    /// <summary>The kind's progress view as JSON (null until a server first reports).</summary>
    public string? ProgressJson { get; set; }
    /// <summary>Why it stopped when it did not end by itself (its Hangfire job failed or was deleted).</summary>
    public string? Failure { get; set; }
    /// <summary>The Hangfire job that runs it.</summary>
    public string? HangfireJobId { get; set; }
    /// <summary>How many times a server started it (more than one after a restart).</summary>
    public int Attempts { get; set; }
    /// <summary>When it was started.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When its state or progress last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
