using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.MoralGraph.Voting;

/// <summary>
/// Moral Graph Elicitation's second half: the participant reads approved wiser-than stories (value A → value B in a
/// context) and answers "did this person become wiser?" (yes / no / not sure, optional why). Stories are spread
/// over participants (fewest impressions first) and never repeated for a participant; each vote is a
/// <c>WiserVoteRecord</c> the moral graph counts. Afterwards a participant who submitted a values card sees where
/// their value ranks in the graph and says whether that is fair. Server side: <see cref="MoralVoting"/>.
/// </summary>
public sealed class MoralVotingTask : ITaskType
{
    /// <summary>The task type's key.</summary>
    public const string TaskKey = "moral-voting";
    /// <summary>Setting: how many stories each participant judges.</summary>
    public const string VotesSetting = "votes-per-participant";
    /// <summary>Setting: the question whose stories are shown.</summary>
    public const string QuestionSetting = "question";
    /// <summary>Setting: whether stories involving the participant's own value are left out.</summary>
    public const string SkipOwnSetting = "skip-own-value";
    /// <summary>Setting: the batch stored with the votes.</summary>
    public const string BatchSetting = "batch";
    /// <summary>Setting: whether to ask about the fairness of the participant's value's position.</summary>
    public const string AskPositionSetting = "ask-position";
    /// <summary>Default of <see cref="VotesSetting"/>.</summary>
    public const int DefaultVotes = 3;

    /// <inheritdoc />
    public string Key => TaskKey;
    /// <inheritdoc />
    public string Name => "Moral graph voting";
    /// <inheritdoc />
    public string Description => "Read stories of someone moving from one value to another and judge whether they became wiser.";

    /// <inheritdoc />
    public IReadOnlyList<TaskEventType> Events { get; } =
    [
        new(MoralVoting.ShownEvent, "A story was shown: hypothesisId, fromValueId, toValueId, context."),
        new(MoralVoting.VoteEvent, "The participant judged it: hypothesisId, fromValueId, toValueId, choice (wiser, notWiser, unsure), reason (optional)."),
        new(MoralVoting.NoneLeftEvent, "No approved story was left for this participant: votes (cast so far)."),
        new(MoralVoting.PositionShownEvent, "The participant's own value was shown with its rank: valueId, position (1 + values ranked strictly higher), of (values in the graph), tiedWith (other values of the same rank)."),
        new(MoralVoting.PositionUnavailableEvent, "The participant's value could not be placed because the graph had no edge yet, so the fairness question was not asked: valueId, reason (no-edges)."),
        new(MoralVoting.PositionEvent, "Their answer on whether that position is fair: valueId, fair (1 very unfair – 5 very fair), why (optional)."),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TaskSetting> Settings { get; } =
    [
        new(VotesSetting, "Stories per participant", DefaultVotes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "How many stories each participant judges (fewer when fewer approved stories are left for them).", TaskSettingKind.Integer),
        new(QuestionSetting, "Question", "",
            "Question id whose stories are shown; empty = the question of the participant's own values card, else any question."),
        new(SkipOwnSetting, "Leave out stories about the participant's own value", "true",
            "When on, a participant never judges a story that starts or ends at the value their own card was merged into.", TaskSettingKind.Boolean),
        new(BatchSetting, "Batch", "", "Batch label stored with the votes (graph filter); empty = the study version, e.g. v3."),
        new(AskPositionSetting, "Ask about the fairness of their value's position", "true",
            "After voting, show a participant who submitted a card where their value ranks and ask whether that is fair.", TaskSettingKind.Boolean),
    ];

    /// <inheritdoc />
    public DecodingSettings Decoding { get; } = new();

    /// <inheritdoc />
    public StimulusFormat? Stimuli => null;

    /// <inheritdoc />
    public SurveyConfig? DefaultSurvey { get; } = new(
    [
        new SurveyItem("mge-expressed", SurveyItemKind.Likert,
            "The values card I submitted expresses what I care about when making this kind of choice.",
            MinLabel: "Strongly disagree", MaxLabel: "Strongly agree"),
        new SurveyItem("mge-position-fair", SurveyItemKind.Likert,
            "The place my value ended up in the final graph is fair.", MinLabel: "Strongly disagree", MaxLabel: "Strongly agree"),
        new SurveyItem("mge-trust", SurveyItemKind.Likert,
            "I trust that this process weighs people's values fairly.", MinLabel: "Strongly disagree", MaxLabel: "Strongly agree"),
        new SurveyItem("mge-why", SurveyItemKind.FreeText, "Anything you would like to tell us about these answers?", Required: false),
    ], "task-moral-voting");

    /// <inheritdoc />
    public Type? MetricSource => null;

    /// <inheritdoc />
    public string? CompletionProblem(TaskStageRecord record)
    {
        var progress = VotingProgress.From(record.Events, record.Stage.Task!);
        if (progress.VotesLeft > 0)
            return progress.VotesLeft == 1 ? "Judge one more story before finishing." : $"Judge {progress.VotesLeft} more stories before finishing.";
        return progress.PositionPending ? "Say whether your value's place in the graph is fair before finishing." : null;
    }
}
