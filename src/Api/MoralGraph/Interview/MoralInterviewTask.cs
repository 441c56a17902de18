using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>
/// Moral Graph Elicitation's interview: the participant picks a question, an LM interviewer asks what they pay
/// attention to when responding well, drafts a values card from the chat, and the participant revises and submits
/// it. Submitted cards become (or join) the study's canonical values, which the voting stage compares.
/// </summary>
public sealed class MoralInterviewTask : ITaskType
{
    /// <summary>The task type's key.</summary>
    public const string TaskKey = "moral-interview";

    /// <summary>Event: the participant chose a question (chatId, questionId).</summary>
    public const string QuestionChosen = "interview.question-chosen";
    /// <summary>Event: a drafted card was shown (chatId, card, problems, trigger).</summary>
    public const string CardShown = "interview.card-shown";
    /// <summary>Event: the drafting call did not produce a card (chatId, problem).</summary>
    public const string DraftFailed = "interview.draft-failed";
    /// <summary>Event: the fallback decision after a reply (chatId, action, raw).</summary>
    public const string Decision = "interview.decision";
    /// <summary>Event: the card was submitted (chatId, cardId, valueId, decision, similarity).</summary>
    public const string CardSubmitted = "interview.card-submitted";
    /// <summary>Event: the participant's answer to "Does this card still represent your value?" (chatId, valueId, answer).</summary>
    public const string MergeConfirm = "interview.merge-confirm";

    /// <inheritdoc />
    public string Key => TaskKey;
    /// <inheritdoc />
    public string Name => "Values interview (moral graph)";
    /// <inheritdoc />
    public string Description => "The participant picks a question, talks with an interviewer about what they pay attention to, and submits a values card.";

    /// <inheritdoc />
    public IReadOnlyList<TaskEventType> Events { get; } =
    [
        new(QuestionChosen, "Server: a new interview started on a question (chatId, questionId, promptVersion, promptSha256, model)."),
        new(Decision, "Server: fallback path only — after a reply, the small JSON call decided whether to show a card (chatId, action, raw)."),
        new(CardShown, "Server: a drafted card was shown (chatId, card, problems, trigger = tool, fallback or participant, draft number)."),
        new(DraftFailed, "Server: the drafting call gave no readable card (chatId, problem)."),
        new(CardSubmitted, "Server: the card was stored (chatId, cardId, valueId, decision, similarity, closestValueId)."),
        new(MergeConfirm, "Server: the participant's answer to \"Does this card still represent your value?\" after a merge (chatId, valueId, answer yes/no)."),
        new("model.request-sent", "Server: an interviewer reply was requested (prompt, model, decoding)."),
        new("model.token", "Server: one streamed token of the interviewer with its arrival time."),
        new("model.finish", "Server: the interviewer reply ended (reason, ms, token usage)."),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TaskSetting> Settings { get; } =
    [
        new("questions", "Questions", DefaultQuestions,
            "One per line as 'id | question'; the participant picks one. The id groups values for voting.", TaskSettingKind.Lines),
        new("contexts", "Contexts", "",
            "One per line; passed on to hypothesis generation (which contexts a value is wiser in).", TaskSettingKind.Lines),
        new("interviewer-model", "Interviewer model", "",
            "Optional 'endpoint/model' that interviews instead of the condition's model.", TaskSettingKind.Text),
        new("temperature", "Interviewer temperature", "0.7", "Sampling temperature of the interviewer's replies.", TaskSettingKind.Number),
        new("drafter-temperature", "Drafter temperature", "0", "Sampling temperature of the card drafting call (0 = greedy).", TaskSettingKind.Number),
        new("tool-calls", "Endpoint supports tool calls", "true",
            "Off = structured-output fallback: a small JSON call after each reply decides whether to show a card (always off for the local demo model).",
            TaskSettingKind.Boolean),
    ];

    /// <summary>Questions used when the stage sets none.</summary>
    public const string DefaultQuestions =
        "friend-grieving | My friend just lost her father and keeps cancelling our plans. What should I do?\n" +
        "unsure-job | I have been offered a job far from my family. How do I decide?";

    /// <inheritdoc />
    public DecodingSettings Decoding { get; } = new() { Temperature = 0.7f, MaxTokens = 300 };

    /// <inheritdoc />
    public StimulusFormat? Stimuli => null;

    /// <inheritdoc />
    public SurveyConfig? DefaultSurvey { get; } = new(
    [
        new SurveyItem("card-expresses-value", SurveyItemKind.YesNo, "Did the card you submitted express what you care about?"),
        new SurveyItem("trust-process", SurveyItemKind.Likert,
            "How much do you trust that this process will represent your view fairly?", 1, 5, "Not at all", "Completely"),
    ], "task-moral-interview");

    /// <inheritdoc />
    public Type? MetricSource => null;

    /// <inheritdoc />
    public string? CompletionProblem(TaskStageRecord record) =>
        record.Events.Any(e => e.Type == CardSubmitted) ? null : "Submit at least one values card before continuing.";

    /// <summary>The stage's questions as (id, text); a line without '|' gets the id q1, q2… by position.</summary>
    public static IReadOnlyList<InterviewQuestion> Questions(TaskConfig task)
    {
        var lines = task.LinesSetting("questions");
        if (lines.Count == 0) lines = new TaskConfig(TaskKey, Settings: new Dictionary<string, string> { ["questions"] = DefaultQuestions }).LinesSetting("questions");
        return lines.Select((line, i) =>
        {
            var bar = line.IndexOf('|');
            return bar > 0
                ? new InterviewQuestion(line[..bar].Trim(), line[(bar + 1)..].Trim())
                : new InterviewQuestion($"q{i + 1}", line.Trim());
        }).ToList();
    }
}

/// <summary>A question the participant may pick.</summary>
/// <param name="Id">Stable id (groups values for voting).</param>
/// <param name="Text">The question as shown.</param>
public sealed record InterviewQuestion(string Id, string Text);
