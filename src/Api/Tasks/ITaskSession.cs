using InteractionLab.Api.Stimuli;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks;

/// <summary>
/// Everything a task component may do with its stage: read and record its events, ask the model, read its
/// stimuli and the participant's item order. The platform's session saves everything; the builder's preview
/// keeps it in memory. A component that only uses this interface resumes after a reload by reading its events.
/// </summary>
public interface ITaskSession
{
    /// <summary>The session.</summary>
    SessionId Session { get; }

    /// <summary>The task stage (with its <see cref="StageConfig.Task"/> set).</summary>
    StageConfig Stage { get; }

    /// <summary>The task's settings.</summary>
    TaskConfig Task => Stage.Task!;

    /// <summary>Generic name of the model shown to the participant ("AI assistant"), never its identity.</summary>
    string ModelLabel { get; }

    /// <summary>0-based number of the participant within their condition, in order of assignment (counterbalancing).</summary>
    int ParticipantOrdinal { get; }

    /// <summary>A seed derived from the session id (reproducible shuffles).</summary>
    int Seed { get; }

    /// <summary>True in the builder's preview, where nothing is saved.</summary>
    bool IsPreview { get; }

    /// <summary>The stage's events so far, in order.</summary>
    Task<IReadOnlyList<TaskEventRecord>> ReadEventsAsync(CancellationToken ct = default);

    /// <summary>Records an event of the task's vocabulary; it is saved before the returned task completes.</summary>
    Task<TaskEventRecord> RecordAsync(string type, object payload, CancellationToken ct = default);

    /// <summary>The stage's stored queries and model answers, in order.</summary>
    Task<IReadOnlyList<TaskTurn>> ReadTurnsAsync(CancellationToken ct = default);

    /// <summary>
    /// Streams the model's answer to a prompt (stored with its query when saved). <paramref name="queued"/> is called when
    /// the model is busy and the answer waits in line.
    /// </summary>
    IAsyncEnumerable<string> AskAsync(TaskPrompt prompt, CancellationToken ct = default, Action? queued = null);

    /// <summary>
    /// After a reload while an answer was streaming: its text so far, again each time it grew, until it is saved (then
    /// <see cref="ReadTurnsAsync"/> has it). Ends at once when no answer is running.
    /// </summary>
    IAsyncEnumerable<string> FollowAnswerAsync(CancellationToken ct = default);

    /// <summary>Asks for <paramref name="n"/> completions at once (suggestions).</summary>
    Task<IReadOnlyList<string>> SuggestAsync(TaskPrompt prompt, int n, CancellationToken ct = default);

    /// <summary>Stops the answer being streamed.</summary>
    void StopAnswer();

    /// <summary>The stage's stimulus set (<see cref="TaskConfig.Stimuli"/>), or null when it names none.</summary>
    Task<StimulusSetContent?> StimuliAsync(CancellationToken ct = default);

    /// <summary>The order in which this participant sees <paramref name="count"/> items (the stage's <see cref="StageConfig.ItemOrder"/>).</summary>
    IReadOnlyList<int> ItemOrder(int count) => ItemOrdering.For(Stage.ItemOrder, count, ParticipantOrdinal, Seed);
}
