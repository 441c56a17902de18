namespace InteractionLab.Api.Jobs;

/// <summary>Settings under <c>Jobs</c>: how the Hangfire server of this instance runs background jobs.</summary>
public sealed class BackgroundJobOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Jobs";

    /// <summary>
    /// How often an idle server asks the storage for a queued job (Hangfire's default is 15 s; a researcher who
    /// starts a job should see it start, so 1 s; tests use 250 ms).
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Jobs one instance runs at once. Two: a long simulation does not hold up story generation, and a pilot does
    /// not crowd out real participants on the same model endpoint.
    /// </summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>
    /// After how long a job whose server died without a word (killed, power cut) is given to another server.
    /// A stopping server hands its jobs back at once; this is only for servers that vanish.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Hangfire's SQLite file for the embedded default; empty: beside the platform's SQLite file (<c>*.jobs.db</c>).</summary>
    public string? SqliteFile { get; set; }
}
