using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks.Crossword;

/// <summary>
/// HALIE's crossword: the participant solves a puzzle with an "AI teammate" they can ask about the clue they are
/// on (a chat, temperature 0.7, 60 tokens), within the stage's time limit (30 minutes in HALIE: set the stage's
/// TimeLimitSeconds to 1800). The stage ends when they solve it or give up; every square typed, clue selected,
/// check, reveal and question is recorded, and the final grid is rebuilt from those events for the metrics.
/// </summary>
public sealed class CrosswordTask : ITaskType
{
    /// <summary>The task type's key.</summary>
    public const string TaskKey = "crossword";

    /// <summary>Setting keys.</summary>
    public const string AllowCheckSetting = "allow-check", AllowRevealSetting = "allow-reveal", TeammatePromptSetting = "teammate-prompt";

    /// <summary>The teammate's system prompt unless the stage sets its own.</summary>
    public const string DefaultTeammatePrompt =
        "You are a friendly teammate helping someone solve a crossword puzzle. They tell you which clue they are on and "
        + "the letters they have so far. Answer briefly: suggest possible answers that fit the length and the letters, "
        + "explain wordplay when asked, and admit when you are unsure.";

    /// <inheritdoc />
    public string Key => TaskKey;
    /// <inheritdoc />
    public string Name => "Crossword";
    /// <inheritdoc />
    public string Description => "Solve a crossword puzzle with an AI teammate to ask about the clues, until it is solved or the participant gives up.";

    /// <inheritdoc />
    public IReadOnlyList<TaskEventType> Events { get; } =
    [
        new(CrosswordEvents.Start, "The puzzle was shown for the first time: {puzzle (0-based index in the set), title}."),
        new(CrosswordEvents.Cell, "A square changed: {row, col (0-based), letter (upper case, \"\" when cleared)}."),
        new(CrosswordEvents.Select, "The participant moved to another clue: {clue (\"1-Across\")}."),
        new(CrosswordEvents.Check, "Letters were checked: {scope (cell, word or puzzle), clue or row/col, wrongCells [{row, col}]}."),
        new(CrosswordEvents.Reveal, "Answers were revealed (and locked): {scope (cell, word or puzzle), clue or row/col}. Revealed squares never count as found in the accuracies."),
        new(CrosswordEvents.Reset, "The grid was emptied."),
        new(CrosswordEvents.Ask, "A question to the AI teammate: {clue, length (characters)}; the question and answer are stored as turns with the clue as item."),
        new(CrosswordEvents.Solved, "Every square holds its answer: {revealedCells (squares revealed since the start; solved by the participant only when 0)}."),
        new(CrosswordEvents.GiveUp, "The participant gave up."),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TaskSetting> Settings { get; } =
    [
        new(AllowCheckSetting, "Allow checking letters", "true", "Offers Check buttons that mark wrong letters in a square, a word or the whole puzzle.", TaskSettingKind.Boolean),
        new(AllowRevealSetting, "Allow revealing answers", "true", "Offers Reveal buttons that fill in a square, a word or the whole puzzle.", TaskSettingKind.Boolean),
        new(TeammatePromptSetting, "AI teammate's instructions", DefaultTeammatePrompt,
            "System prompt of the teammate chat; the current clue, its length and the letters so far are added to it."),
    ];

    /// <inheritdoc />
    public DecodingSettings Decoding { get; } = new() { Temperature = 0.7f, MaxTokens = 60 };

    /// <inheritdoc />
    public StimulusFormat? Stimuli { get; } = new CrosswordPuzzleFormat();

    /// <inheritdoc />
    public SurveyConfig? DefaultSurvey { get; } = new(
        [
            new SurveyItem("fluency", SurveyItemKind.Likert, "How clear and natural were the AI teammate's answers?", 1, 5, "Not at all", "Very"),
            new SurveyItem("helpfulness", SurveyItemKind.Likert, "How much did the AI teammate help you solve the puzzle?", 1, 5, "Not at all", "A great deal"),
            new SurveyItem("ease", SurveyItemKind.Likert, "How easy was it to work with the AI teammate?", 1, 5, "Very hard", "Very easy"),
            new SurveyItem("enjoyment", SurveyItemKind.Likert, "How much did you enjoy solving the puzzle with the AI teammate?", 1, 5, "Not at all", "Very much"),
        ],
        "task-crossword");

    /// <inheritdoc />
    public Type? MetricSource => typeof(CrosswordMetricSource);

    /// <inheritdoc />
    public string? CompletionProblem(TaskStageRecord record) =>
        record.Events.Any(e => e.Type is CrosswordEvents.Solved or CrosswordEvents.GiveUp)
            ? null
            : "Solve the puzzle, or choose Give up, before going on.";
}
