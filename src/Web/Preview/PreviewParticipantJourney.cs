using System.Runtime.CompilerServices;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using InteractionLab.Web.Participant;

namespace InteractionLab.Web.Preview;

/// <summary>
/// A participant journey that keeps the session in memory, for researchers piloting a study: the real participant
/// pages run on it and the condition's model is really called (through the gateway), but nothing is written to
/// the database — no session, turn, event or answer. One instance belongs to one preview page (one circuit).
/// </summary>
public sealed class PreviewParticipantJourney : IParticipantJourney
{
    private readonly StudyConfig _config;
    private readonly ConditionConfig _condition;
    private readonly LanguageModelGateway _gateway;
    private readonly List<ChatTurn> _turns = [];
    private readonly Lock _gate = new();
    private CancellationTokenSource? _reply;
    private int _stageIndex;
    private readonly TaskCatalog? _tasks;
    private readonly Func<string, CancellationToken, Task<StimulusSetContent?>> _stimuli;
    private readonly Dictionary<string, PreviewTaskSession> _taskSessions = [];
    private bool _completed;

    /// <summary>A preview of <paramref name="config"/> in condition <paramref name="conditionKey"/>, starting after consent.</summary>
    /// <remarks>Task stages other than the dialogue need <c>tasks</c> (the catalog) and <c>stimuli</c> (a stimulus set
    /// lookup); without them they cannot be previewed.</remarks>
    public PreviewParticipantJourney(string slug, StudyConfig config, string conditionKey, int scenarioIndex, LanguageModelGateway gateway,
        TaskCatalog? tasks = null, Func<string, CancellationToken, Task<StimulusSetContent?>>? stimuli = null)
    {
        _tasks = tasks;
        _stimuli = stimuli ?? ((_, _) => Task.FromResult<StimulusSetContent?>(null));
        Slug = slug;
        _config = config;
        _gateway = gateway;
        _condition = config.Conditions.FirstOrDefault(c => c.Key == conditionKey)
            ?? throw new ArgumentException($"The study has no condition '{conditionKey}'.", nameof(conditionKey));
        ScenarioIndex = scenarioIndex;
        Session = SessionId.New();
        // The consent form is shown by the preview page itself; the participant pages start after it.
        _stageIndex = config.Stages.Count > 1 && config.Stages[0].Kind == StageKind.Consent ? 1 : 0;
    }

    /// <summary>The in-memory session's id (never stored).</summary>
    public SessionId Session { get; }

    /// <summary>The study's slug (the participant pages check the session belongs to it).</summary>
    public string Slug { get; }

    /// <summary>Which of the task's scenarios is shown.</summary>
    public int ScenarioIndex { get; }

    /// <inheritdoc />
    public bool TryReadParticipantCookie(HttpRequest request, string slug, out InteractionLab.Api.Sessions.ParticipantPass pass)
    {
        pass = new InteractionLab.Api.Sessions.ParticipantPass(Session, slug, null);
        return true;
    }

    /// <inheritdoc />
    public Task<StudyLanding?> GetLandingAsync(string slug, CancellationToken ct)
    {
        var consent = _config.Stages.FirstOrDefault(s => s.Kind == StageKind.Consent);
        return Task.FromResult<StudyLanding?>(new StudyLanding(Slug, _config.Title, consent?.Title ?? "Consent", consent?.Body ?? "", StudyAvailability.Open)
            { NeedsLaptop = _config.Recruitment.NeedsLaptop });
    }

    /// <inheritdoc />
    public Task<SessionSnapshot?> GetSessionAsync(SessionId session, CancellationToken ct) =>
        Task.FromResult(session == Session ? Snapshot() : null);

    /// <inheritdoc />
    public Task<SessionSnapshot> CompleteStageAsync(SessionId session, string stageKey, CancellationToken ct)
    {
        lock (_gate)
        {
            var stage = Current;
            if (stage.Key != stageKey) throw new ParticipantProblemException("This step is already finished.");
            if (stage.Kind == StageKind.Survey) throw new ParticipantProblemException("Answer the questions to go on.");
            if (stage.Task is { } task && _taskSessions.TryGetValue(stage.Key, out var taskSession) && _tasks?.Find(task.Type) is { } type)
            {
                var events = taskSession.ReadEventsAsync(ct).GetAwaiter().GetResult(); // in memory: completes at once
                if (type.CompletionProblem(new TaskStageRecord(stage, events, 0)) is { } problem) throw new ParticipantProblemException(problem);
            }
            else if (stage.Task is { } dialogue && _turns.Count(t => t.Role == TurnRole.Participant) < dialogue.MinTurns)
                throw new ParticipantProblemException($"Please send at least {dialogue.MinTurns} messages before ending the conversation.");
            Advance();
            return Task.FromResult(Snapshot());
        }
    }

    /// <inheritdoc />
    public Task<SessionSnapshot> TimeOutStageAsync(SessionId session, string stageKey, SurveyAnswers? answers, CancellationToken ct)
    {
        lock (_gate)
        {
            // A preview stores no answers, so a stage whose time ran out simply moves on, as it would for a participant.
            if (Current.Key != stageKey) throw new ParticipantProblemException("This step is already finished.");
            Advance();
            return Task.FromResult(Snapshot());
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> SendMessageAsync(SessionId session, string text, [EnumeratorCancellation] CancellationToken ct,
        Action? queued = null)
    {
        text = text.Trim();
        if (text.Length == 0) throw new ParticipantProblemException("Type a message before sending.");
        GenerationRequest request;
        CancellationTokenSource stop;
        lock (_gate)
        {
            if (Current.Task is not { } task) throw new ParticipantProblemException("There is no conversation at this step of the study.");
            if (_reply is not null) throw new ParticipantProblemException("Wait for the current reply to finish before sending another message.");
            if (_turns.Count(t => t.Role == TurnRole.Participant) >= task.MaxTurns)
                throw new ParticipantProblemException($"The conversation has reached its limit of {task.MaxTurns} messages.");
            _turns.Add(new ChatTurn(_turns.Count, TurnRole.Participant, text));
            request = BuildRequest(_condition, Scenario(task) ?? "", _turns);
            _reply = stop = new CancellationTokenSource();
        }
        var record = new GenerationRecord();
        var stopped = false;
        var failed = false;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, stop.Token);
        var pieces = _gateway.StreamAsync(request, record, linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await pieces.MoveNextAsync();
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    stopped = true;
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed = true;
                    throw new ParticipantProblemException($"The model did not answer: {e.Message}");
                }
                if (!more) break;
                yield return pieces.Current.Text;
            }
        }
        finally
        {
            await pieces.DisposeAsync();
            var reply = request.Style == PromptStyle.Completion ? CompletionPrompt.CleanReply(record.Text, request.Stop) : record.Text.Trim();
            lock (_gate)
            {
                if (!failed) _turns.Add(new ChatTurn(_turns.Count, TurnRole.Model, reply, stopped));
                _reply = null;
            }
            stop.Dispose();
        }
    }

    /// <inheritdoc />
    /// <remarks>A preview lives in one page; nothing runs on after it.</remarks>
    public IAsyncEnumerable<string> FollowReplyAsync(SessionId session, CancellationToken ct) => AsyncEnumerable.Empty<string>();

    /// <inheritdoc />
    public void StopReply(SessionId session)
    {
        lock (_gate) _reply?.Cancel();
    }

    /// <inheritdoc />
    public Task<SurveyOutcome> SubmitSurveyAsync(SessionId session, string stageKey, SurveyAnswers answers, CancellationToken ct)
    {
        lock (_gate)
        {
            var stage = Current;
            if (stage.Key != stageKey || stage.Survey is null) throw new ParticipantProblemException("This step is already finished.");
            var list = answers.Values.Select(v => new SurveyAnswer(v.Key, v.Value))
                .Concat(answers.TurnMarks.Select(m => new SurveyAnswer(m.ItemKey, m.Marked ? "true" : "false", m.TurnIndex)))
                .ToList();
            var modelTurns = _turns.Where(t => t.Role == TurnRole.Model).Select(t => t.Index).ToHashSet();
            var errors = SurveyAnswerValidator.Validate(stage.Survey, list, modelTurns);
            if (errors.Count > 0)
                return Task.FromResult(new SurveyOutcome(errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value)), null));
            Advance();
            return Task.FromResult(new SurveyOutcome(new Dictionary<string, string>(), Snapshot()));
        }
    }

    private StageConfig Current => _config.Stages[_stageIndex];

    private void Advance()
    {
        if (_stageIndex < _config.Stages.Count - 1) _stageIndex++;
        if (Current.Kind == StageKind.Debrief) _completed = true;
    }

    private string? Scenario(TaskConfig task) =>
        task.Scenarios is { Count: > 0 } s ? s[Math.Clamp(ScenarioIndex, 0, s.Count - 1)] : null;

    private SessionSnapshot Snapshot()
    {
        lock (_gate)
        {
            // No redirect: a preview must never send the researcher to the recruitment platform.
            var completion = _completed ? new CompletionInfo(_config.Recruitment.CompletionCode, null) : null;
            return new SessionSnapshot(Slug, _config.Title, _stageIndex, _config.Stages.Count, Current,
                _completed ? SessionStatus.Completed : SessionStatus.InProgress, _condition.ParticipantLabel,
                Current.Task is { } task ? Scenario(task) : FirstScenario(), [.. _turns], _reply is not null, completion);
        }
    }

    private string? FirstScenario() =>
        _config.Stages.Select(s => s.Task).OfType<TaskConfig>().Select(Scenario).FirstOrDefault(s => s is not null);

    // The same prompt the platform sends for a real session (DialogueService), from the in-memory transcript.
    private static GenerationRequest BuildRequest(ConditionConfig condition, string scenario, IReadOnlyList<ChatTurn> turns)
    {
        var seed = condition.Decoding.Seed ?? Random.Shared.Next();
        if (condition.Prompt.Style == PromptStyle.Completion)
            return new GenerationRequest(condition.Model, PromptStyle.Completion,
                CompletionPrompt.Render(condition.Prompt, scenario, turns.Select(t => new DialogueLine(t.Role, t.Text))), [],
                condition.Decoding, CompletionPrompt.StopSequences(condition.Prompt, condition.Decoding), seed);
        var system = condition.Prompt.Template.Replace("{scenario}", scenario, StringComparison.Ordinal);
        return new GenerationRequest(condition.Model, PromptStyle.Chat, system,
            turns.Select(t => (t.Role == TurnRole.Participant, t.Text)).ToList(), condition.Decoding, condition.Decoding.Stop, seed);
    }

    /// <inheritdoc />
    public Task<ITaskSession> OpenTaskAsync(SessionId session, string stageKey, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_taskSessions.TryGetValue(stageKey, out var open)) return Task.FromResult<ITaskSession>(open);
            var stage = _config.Stages.FirstOrDefault(s => s.Key == stageKey && s.Task is not null)
                ?? throw new ParticipantProblemException($"This study has no task stage '{stageKey}'.");
            var type = _tasks?.Find(stage.Task!.Type)
                ?? throw new ParticipantProblemException($"The task '{stage.Task!.Type}' cannot be previewed here.");
            var created = new PreviewTaskSession(stage, _condition, type, _gateway, _stimuli);
            _taskSessions[stageKey] = created;
            return Task.FromResult<ITaskSession>(created);
        }
    }
}
