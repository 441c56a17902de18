namespace InteractionLab.Api.Simulation;

/// <summary>State of a simulation run.</summary>
public enum SimulationStatus
{
    /// <summary>Waiting for a server (also after a restart interrupted the run; it goes on where it stopped).</summary>
    Queued,
    /// <summary>Participants are being simulated.</summary>
    Running,
    /// <summary>Every participant was attempted.</summary>
    Finished,
    /// <summary>Stopped before every participant was attempted (its background job failed or was deleted); the failures say why.</summary>
    Failed,
}

/// <summary>A snapshot of a run for the progress display.</summary>
/// <param name="Id">Run id.</param>
/// <param name="StudyId">Study.</param>
/// <param name="Total">Participants asked for.</param>
/// <param name="Completed">Participants who reached the end.</param>
/// <param name="Failed">Participants who could not finish.</param>
/// <param name="Status">Queued, running, finished or failed.</param>
/// <param name="CurrentParticipant">1-based number of the participant now running (0 when none).</param>
/// <param name="CurrentStage">Stage that participant is on.</param>
/// <param name="Failures">Why participants failed, in words.</param>
/// <param name="Notes">Fallbacks used (e.g. an unparseable answer replaced by a random valid one).</param>
public sealed record SimulationRunView(
    Guid Id, Guid StudyId, int Total, int Completed, int Failed, SimulationStatus Status,
    int CurrentParticipant, string? CurrentStage, IReadOnlyList<string> Failures, IReadOnlyList<string> Notes)
{
    /// <summary>Participants attempted so far.</summary>
    public int Done => Completed + Failed;
}
