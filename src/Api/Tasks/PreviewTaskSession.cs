using System.Runtime.CompilerServices;
using System.Text.Json;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Stimuli;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks;

/// <summary>
/// A task session kept in memory: the builder's preview (and component tests) run the real task component and the
/// real model, but nothing is saved. Events and turns live as long as this object.
/// </summary>
public sealed class PreviewTaskSession(
    StageConfig stage,
    ConditionConfig condition,
    ITaskType type,
    LanguageModelGateway gateway,
    Func<string, CancellationToken, Task<StimulusSetContent?>> stimuli,
    int participantOrdinal = 0,
    TimeProvider? time = null) : ITaskSession
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly List<TaskEventRecord> _events = [];
    private readonly List<TaskTurn> _turns = [];
    private readonly Lock _gate = new();
    private CancellationTokenSource? _answer;

    /// <inheritdoc />
    public SessionId Session { get; } = SessionId.New();
    /// <inheritdoc />
    public StageConfig Stage => stage;
    /// <inheritdoc />
    public string ModelLabel => condition.ParticipantLabel;
    /// <inheritdoc />
    public int ParticipantOrdinal => participantOrdinal;
    /// <inheritdoc />
    public int Seed => ItemOrdering.SeedOf(Session.Value);
    /// <inheritdoc />
    public bool IsPreview => true;

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskEventRecord>> ReadEventsAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<TaskEventRecord>>(_events.ToList());
    }

    /// <inheritdoc />
    public Task<TaskEventRecord> RecordAsync(string type, object payload, CancellationToken ct = default)
    {
        var element = JsonSerializer.SerializeToElement(payload, TaskEventLog.Json);
        lock (_gate)
        {
            var record = new TaskEventRecord(_events.Count + 1, type, _time.GetUtcNow(), element);
            _events.Add(record);
            return Task.FromResult(record);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TaskTurn>> ReadTurnsAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<TaskTurn>>(_turns.ToList());
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> AskAsync(TaskPrompt prompt, [EnumeratorCancellation] CancellationToken ct = default, Action? queued = null)
    {
        if (prompt.ParticipantText is { } query) AddTurn(TurnRole.Participant, query.Trim(), prompt.ItemKey, null, false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _answer = stop;
        var record = new GenerationRecord();
        var request = Request(prompt);
        var stopped = false;
        await using (var tokens = gateway.StreamAsync(request, record, stop.Token).GetAsyncEnumerator(stop.Token))
        {
            while (true)
            {
                try
                {
                    if (!await tokens.MoveNextAsync()) break;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    stopped = true;
                    break;
                }
                yield return tokens.Current.Text;
            }
        }
        _answer = null;
        AddTurn(TurnRole.Model, Clean(request, record.Text), prompt.ItemKey, null, stopped);
    }

    /// <inheritdoc />
    /// <remarks>A preview lives in one page; nothing runs on after it.</remarks>
    public IAsyncEnumerable<string> FollowAnswerAsync(CancellationToken ct = default) => AsyncEnumerable.Empty<string>();

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SuggestAsync(TaskPrompt prompt, int n, CancellationToken ct = default)
    {
        var request = Request(prompt);
        var texts = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            var record = new GenerationRecord();
            var one = request with { Seed = unchecked(request.Seed + i) };
            await foreach (var _ in gateway.StreamAsync(one, record, ct)) { }
            var text = Clean(one, record.Text);
            texts.Add(text);
            AddTurn(TurnRole.Model, text, prompt.ItemKey, i, false);
        }
        return texts;
    }

    /// <inheritdoc />
    public void StopAnswer() => _answer?.Cancel();

    /// <inheritdoc />
    public Task<StimulusSetContent?> StimuliAsync(CancellationToken ct = default) =>
        stage.Task?.Stimuli is { Length: > 0 } key ? stimuli(key, ct) : Task.FromResult<StimulusSetContent?>(null);

    private GenerationRequest Request(TaskPrompt prompt) =>
        TaskLanguageModel.RequestFor(prompt, condition, prompt.Decoding ?? TaskLanguageModel.DecodingFor(type, stage.Task!, condition));

    private static string Clean(GenerationRequest request, string text) =>
        request.Style == PromptStyle.Completion ? CompletionPrompt.CleanReply(text, request.Stop) : text.Trim();

    private void AddTurn(TurnRole role, string text, string? item, int? choice, bool stopped)
    {
        lock (_gate) _turns.Add(new TaskTurn(_turns.Count, role, text, item, choice, stopped));
    }
}
