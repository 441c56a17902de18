namespace InteractionLab.Api.Replies;

/// <summary>How model turns are recorded (configuration section <c>Replies</c>).</summary>
public sealed class ReplyOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Replies";

    /// <summary>How often the text of a streaming reply is written to its turn while it grows.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a reply that produces nothing (waiting in line) still marks its turn as alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A turn still marked generating without a sign of life for this long was cut off by a crash.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts to save a finished reply before it is kept in the spool (the waits double from <see cref="FirstRetryDelay"/>).</summary>
    public int SaveAttempts { get; set; } = 7;

    /// <summary>Wait before the second attempt: with 7 attempts a database outage of about 15 s is ridden out.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Where replies that could not be saved are kept (relative to the content root) until the database is back.</summary>
    public string SpoolDirectory { get; set; } = "data/reply-spool";
}
