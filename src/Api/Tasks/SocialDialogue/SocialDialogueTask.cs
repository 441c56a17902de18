using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Studies;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks.SocialDialogue;

/// <summary>
/// HALIE's social dialogue: the participant chats about a scenario until they end it; afterwards they mark the
/// model's replies turn by turn and rate the conversation. Prompting comes from the condition (a few-shot
/// completion prompt, temperature 0.9, 50 tokens in HALIE); the participant page is the built-in chat panel.
/// </summary>
public sealed class SocialDialogueTask : ITaskType
{
    /// <inheritdoc />
    public string Key => DialogueService.TaskType;
    /// <inheritdoc />
    public string Name => "Social dialogue";
    /// <inheritdoc />
    public string Description => "Chat with the model about a scenario until the participant ends the conversation.";

    /// <inheritdoc />
    public IReadOnlyList<TaskEventType> Events { get; } =
    [
        new("text.insert", "Browser: characters typed into the message box (length and position only, never the text)."),
        new("text.delete", "Browser: characters deleted from the message box (length and position)."),
        new("send.click", "Browser: the Send button was clicked."),
        new("send.enter", "Browser: Enter sent the message."),
        new("stop.click", "Browser: the participant stopped a reply."),
        new("end.click", "Browser: the participant ended the conversation."),
        new("model.request-sent", "Server: a reply was requested (prompt, model, decoding settings)."),
        new("model.first-token", "Server: the first token arrived (ms since the request)."),
        new("model.token", "Server: one streamed token with its arrival time."),
        new("model.stopped-by-participant", "Server: the reply was stopped by the participant."),
        new("model.finish", "Server: the reply ended (reason, ms, token usage)."),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TaskSetting> Settings { get; } = [];

    /// <inheritdoc />
    public DecodingSettings Decoding { get; } = new() { Temperature = 0.9f, MaxTokens = 50 };

    /// <inheritdoc />
    public StimulusFormat? Stimuli { get; } = new Tasks.SocialDialogue.DialogueScenarioFormat();

    /// <inheritdoc />
    public SurveyConfig? DefaultSurvey { get; } = new(
        [
            .. BuiltInInstruments.All.Single(i => i.Key == "turn-marks").Survey.Items,
            // "boring" is both a turn mark and a dialogue rating; keys must be unique within one survey stage.
            .. BuiltInInstruments.All.Single(i => i.Key == "dialogue-experience").Survey.Items
                .Select(i => i.Key == "boring" ? i with { Key = "boring-overall" } : i),
        ],
        "task-social-dialogue");

    /// <inheritdoc />
    public Type? MetricSource => typeof(SocialDialogueMetrics);

    /// <inheritdoc />
    public string? CompletionProblem(TaskStageRecord record)
    {
        var minTurns = record.Stage.Task?.MinTurns ?? 0;
        return record.ParticipantTurns < minTurns
            ? $"Send at least {minTurns} message(s) before finishing (you sent {record.ParticipantTurns})."
            : null;
    }
}
