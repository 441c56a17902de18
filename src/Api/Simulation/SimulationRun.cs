namespace InteractionLab.Api.Simulation;

/// <summary>
/// One run's live state while a server runs it, continuing from <paramref name="resumeFrom"/> (what the run's record
/// held when a restart interrupted it); every change is reported through <see cref="Changed"/> into the record,
/// which is what the progress page reads.
/// </summary>
public sealed class SimulationRun(Guid id, Guid studyId, SimulationRequest request, string startedBy, SimulationRunView? resumeFrom = null)
{
    private readonly Lock _gate = new();
    private readonly List<string> _failures = [.. resumeFrom?.Failures ?? []];
    private readonly List<string> _notes = [.. resumeFrom?.Notes ?? []];
    private int _completed = resumeFrom?.Completed ?? 0, _failed = resumeFrom?.Failed ?? 0, _current;
    private string? _stage;
    private SimulationStatus _status = SimulationStatus.Queued;

    /// <summary>Run id.</summary>
    public Guid Id => id;
    /// <summary>Study.</summary>
    public Guid StudyId => studyId;
    /// <summary>What was asked for.</summary>
    public SimulationRequest Request => request;
    /// <summary>Who started it (for the audit log).</summary>
    public string StartedBy => startedBy;
    /// <summary>Raised after every change (on the job's thread).</summary>
    public event Action<SimulationRunView>? Changed;

    /// <summary>The state now.</summary>
    public SimulationRunView Snapshot()
    {
        lock (_gate)
            return new SimulationRunView(Id, studyId, request.Count, _completed, _failed, _status, _current, _stage, _failures.ToList(), _notes.ToList());
    }

    internal void Begin(int participant) => Update(() => { _status = SimulationStatus.Running; _current = participant; _stage = null; });
    internal void AtStage(string stage) => Update(() => _stage = stage);
    internal void Note(int participant, string note) => Update(() => _notes.Add($"Participant {participant}: {note}"));
    internal void Succeeded() => Update(() => _completed++);
    internal void Fail(int participant, string why) => Update(() => { _failed++; _failures.Add($"Participant {participant}: {why}"); });
    internal void Finish() => Update(() => { _status = SimulationStatus.Finished; _current = 0; _stage = null; });
    internal void Interrupt() => Update(() => { _status = SimulationStatus.Queued; _stage = null; });

    private void Update(Action change)
    {
        lock (_gate) change();
        Changed?.Invoke(Snapshot());
    }
}
