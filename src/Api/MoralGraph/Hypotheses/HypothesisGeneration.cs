namespace InteractionLab.Api.MoralGraph.Hypotheses;

/// <summary>Where a generation job is.</summary>
public enum GenerationStatus
{
    /// <summary>Waiting for a server (<see cref="HypothesisGenerationView.Step"/> says so after a restart interrupted it).</summary>
    Queued,
    /// <summary>Asking the model.</summary>
    Running,
    /// <summary>Done; the drafts are stored.</summary>
    Succeeded,
    /// <summary>Stopped with <see cref="HypothesisGenerationView.Message"/>; nothing was stored.</summary>
    Failed,
}

/// <summary>A generation job as the page and the REST API show it.</summary>
/// <param name="Id">Job id.</param>
/// <param name="StudyId">Study.</param>
/// <param name="QuestionId">Question.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Done">Steps done (model calls answered).</param>
/// <param name="Total">Steps expected (known after the contexts are settled; at least 1).</param>
/// <param name="Step">What it is doing now, in words.</param>
/// <param name="Created">Drafts stored (after success).</param>
/// <param name="Message">Why it failed, or notes on skipped items.</param>
public sealed record HypothesisGenerationView(
    Guid Id, Guid StudyId, string QuestionId, GenerationStatus Status, int Done, int Total, string? Step, int Created, string? Message);

/// <summary>
/// One generation job's live state while a server runs it; every change is reported through <see cref="Changed"/>
/// into the job's stored record, which is what the pages and the REST API read.
/// </summary>
public sealed class HypothesisGeneration(Guid id, Guid studyId, HypothesisGenerationRequest request, string startedBy)
{
    private readonly Lock _gate = new();
    private GenerationStatus _status = GenerationStatus.Queued;
    private int _done, _total = 1, _created;
    private string? _step, _message;

    /// <summary>Job id.</summary>
    public Guid Id => id;
    /// <summary>Study.</summary>
    public Guid StudyId => studyId;
    /// <summary>What was asked for.</summary>
    public HypothesisGenerationRequest Request => request;
    /// <summary>Who started it (audited as the actor of the stored drafts).</summary>
    public string StartedBy => startedBy;
    /// <summary>Raised after every change (on the job's thread).</summary>
    public event Action<HypothesisGenerationView>? Changed;

    /// <summary>The state now.</summary>
    public HypothesisGenerationView Snapshot()
    {
        lock (_gate) return new(Id, studyId, request.QuestionId, _status, _done, _total, _step, _created, _message);
    }

    internal void Plan(int total) => Update(() => { _status = GenerationStatus.Running; _total = Math.Max(1, total); });
    internal void At(string step) => Update(() => { _status = GenerationStatus.Running; _step = step; });
    internal void StepDone() => Update(() => _done++);
    internal void Succeed(int created, string? note) => Finish(() => { _status = GenerationStatus.Succeeded; _created = created; _message = note; _done = _total; });
    internal void Fail(string why) => Finish(() => { _status = GenerationStatus.Failed; _message = why; });
    internal void Interrupt(string why) => Update(() => { _status = GenerationStatus.Queued; _done = 0; _step = why; });

    private void Finish(Action change) => Update(() => { change(); _step = null; });

    private void Update(Action change)
    {
        lock (_gate) change();
        Changed?.Invoke(Snapshot());
    }
}
