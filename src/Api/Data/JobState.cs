namespace InteractionLab.Api.Data;

/// <summary>Where a <see cref="JobRecord"/> is; <see cref="Succeeded"/> and <see cref="Failed"/> are final.</summary>
public enum JobState
{
    /// <summary>Waiting for a server (also after a restart interrupted it).</summary>
    Queued,
    /// <summary>A server is working on it.</summary>
    Running,
    /// <summary>Ended by itself.</summary>
    Succeeded,
    /// <summary>Stopped without finishing; <see cref="JobRecord.Failure"/> or the progress says why.</summary>
    Failed,
}
