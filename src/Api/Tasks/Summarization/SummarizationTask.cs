using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Studies;
using static InteractionLab.Api.Tasks.Summarization.SummarizationEvents;

namespace InteractionLab.Api.Tasks.Summarization;

/// <summary>
/// HALIE's summarization: for each document the model drafts a one-sentence summary (few-shot completion,
/// temperature 0.3, 64 tokens, ending at the line break); the participant judges the draft, edits it and judges
/// their own version. Ratings are yes/no on three criteria — consistent, coherent, relevant — because a quick
/// binary judgement per criterion is what the participant can give for every document without fatigue, and shares
/// of "yes" compare directly between the draft and the edited version.
/// </summary>
public sealed class SummarizationTask : ITaskType
{
    /// <summary>The task's key.</summary>
    public const string TaskKey = "summarization";

    /// <summary>Setting keys.</summary>
    public const string PromptSetting = "prompt", DocumentsSetting = "documents";

    /// <summary>The few-shot prompt used when the stage sets none (examples written by us).</summary>
    public const string DefaultPrompt =
        """
        Write a one-sentence summary of each article.

        Article: The town council of Millbrook voted on Tuesday to turn the disused railway station into a public library. Work should start in spring, and the old ticket hall will become a reading room.
        Summary: Millbrook will turn its disused railway station into a public library, with work starting in spring.

        Article: A heavy storm on Sunday night knocked down trees across the Vale district and left about two thousand homes without power. Engineers restored electricity to most of them by Monday afternoon.
        Summary: A Sunday night storm cut power to about two thousand homes in the Vale district, most of which had it back by Monday afternoon.

        Article: {document}
        Summary:
        """;

    /// <inheritdoc />
    public string Key => TaskKey;

    /// <inheritdoc />
    public string Name => "Summarization";

    /// <inheritdoc />
    public string Description => "The model drafts a one-sentence summary of each document; the participant rates it, edits it and rates their version.";

    /// <inheritdoc />
    public IReadOnlyList<TaskEventType> Events { get; } =
    [
        new(Shown, "A document was shown: {document, position, count} (1-based position in the participant's order, documents in the stage)."),
        new(Draft, "The model's draft summary, once complete: {document, turn, text} (turn = index of the stored model turn)."),
        new(RateOriginal, "The participant judged the draft: {document, consistent, coherent, relevant}, each true (yes) or false (no)."),
        new(EditStart, "The edit step began (the edit box was shown with the draft in it): {document}. Editing time runs from here."),
        new(Edit, "The edit box's text: {document, text, final}. Snapshots while typing have final = false; the submitted summary has final = true."),
        new(RateEdited, "The participant judged their edited summary: {document, consistent, coherent, relevant}."),
        new(Next, "The participant moved on from the document: {document}."),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TaskSetting> Settings { get; } =
    [
        new(PromptSetting, "Prompt", DefaultPrompt,
            "Few-shot completion prompt for the draft; {document} is replaced by the document's text (on one line) and {title} by its title. The whole text is the prompt.",
            TaskSettingKind.Lines),
        new(DocumentsSetting, "Documents per participant", "0",
            "How many documents of the set each participant summarises: the first ones of the file, in the stage's item order (0 = all).",
            TaskSettingKind.Integer),
    ];

    /// <inheritdoc />
    public DecodingSettings Decoding { get; } = new() { Temperature = 0.3f, MaxTokens = 64, Stop = ["\n"] };

    /// <inheritdoc />
    public StimulusFormat? Stimuli { get; } = new SummaryDocumentsFormat();

    /// <inheritdoc />
    public SurveyConfig? DefaultSurvey { get; } = new(
    [
        new SurveyItem("summary-editing", SurveyItemKind.Likert, "How much did you have to change the assistant's summaries?", 1, 5, "Nothing at all", "I rewrote them completely"),
        new SurveyItem("summary-helpful", SurveyItemKind.Likert, "How helpful were the assistant's draft summaries?", 1, 5, "Not helpful", "Very helpful"),
        new SurveyItem("summary-improved", SurveyItemKind.Likert, "Did starting from the assistant's drafts make your summaries better?", 1, 5, "Much worse", "Much better"),
    ], "task-summarization");

    /// <inheritdoc />
    public Type? MetricSource => typeof(SummarizationMetricSource);

    /// <summary>The documents a participant summarises: the first <c>documents</c> of the set (all when 0).</summary>
    public static IReadOnlyList<SummaryDocument> DocumentsFor(TaskConfig task, IReadOnlyList<SummaryDocument> set)
    {
        var wanted = task.IntSetting(DocumentsSetting, 0);
        return wanted > 0 && wanted < set.Count ? set.Take(wanted).ToList() : set;
    }

    /// <summary>The draft prompt for one document.</summary>
    public static string PromptFor(TaskConfig task, SummaryDocument document) =>
        task.Setting(PromptSetting, DefaultPrompt).ReplaceLineEndings("\n")
            .Replace("{title}", document.Title, StringComparison.Ordinal)
            // On one line, like the examples: a line break inside would read as the end of the article.
            .Replace("{document}", string.Join(' ', document.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);

    /// <inheritdoc />
    public string? CompletionProblem(TaskStageRecord record)
    {
        var progress = SummarizationProgress.From(record.Events);
        if (progress.Count == 0) return "Summarise the documents before going on.";
        return progress.Finished < progress.Count
            ? $"Finish all {progress.Count} documents before going on ({progress.Finished} done so far)."
            : null;
    }
}
