using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Annotation.Projects;

/// <summary>
/// Ready-made projects. The two HALIE ones follow the third-party evaluations in the study's released data
/// (github.com/stanford-crfm/halie): summaries were rated by 3 workers per item (MTurk MaxAssignments 3) on
/// consistency (consistent / inconsistent), coherence (1–5) and relevance (1–5), the model's original and the
/// edited summary alike (<c>data/raw/summarization/eval/third_party_batch*_results.csv</c>; the statements behind
/// the three criteria are in <c>data/raw/summarization/survey_questions.csv</c>); metaphor sentences by 2 workers
/// (MaxAssignments 2) as apt / not apt, specific / not specific and imageable / not imageable
/// (<c>data/raw/metaphor/eval/third_party_results.csv</c>). The question texts are ours.
/// </summary>
public static class AnnotationTemplates
{
    /// <summary>Key, name, description and config of each template.</summary>
    public static readonly IReadOnlyList<AnnotationTemplate> All =
    [
        new("halie-summarization", "HALIE summaries (3 raters)",
            "Each document's model summary and the participant's edited summary, rated by 3 people for consistency, coherence and relevance, as HALIE's raters did.",
            new AnnotationProjectConfig
            {
                Name = "Summary quality", Target = AnnotationTarget.Summary, RatersPerItem = 3,
                Guidelines = """
                    Read the document first, then the summary. Judge only the summary, not the document.

                    Consistent: every statement in the summary follows from the document. A summary that adds a fact the document does not give (a place, a number, a name) is inconsistent, however plausible the fact.

                    Coherent: the summary organises what it says into one well-structured, readable sentence. 1 = a jumble of words, 5 = reads as if written by a careful editor.

                    Relevant: the summary keeps only the document's important information. 1 = misses the main point or dwells on details, 5 = exactly the main point.

                    Keys: 1–5 pick a value of the highlighted question, Enter submits, S skips, G shows these guidelines.
                    """,
                Form = new SurveyConfig(
                [
                    new SurveyItem("consistent", SurveyItemKind.YesNo, "Is the summary consistent with the document (it says nothing the document does not support)?"),
                    new SurveyItem("coherent", SurveyItemKind.Likert, "How coherent is the summary?", 1, 5, "Not at all", "Very",
                        Labels: ["Not at all", "Slightly", "Somewhat", "Mostly", "Very"]),
                    new SurveyItem("relevant", SurveyItemKind.Likert, "How relevant is the summary (only the document's important information)?", 1, 5, "Not at all", "Very",
                        Labels: ["Not at all", "Slightly", "Somewhat", "Mostly", "Very"]),
                ]),
            }),
        new("halie-metaphor", "HALIE metaphor sentences (2 raters)",
            "Each sentence a participant wrote for a seed metaphor, rated by 2 people as apt, specific and imageable, as HALIE's raters did.",
            new AnnotationProjectConfig
            {
                Name = "Metaphor quality", Target = AnnotationTarget.MetaphorSentence, RatersPerItem = 2,
                Guidelines = """
                    Each sentence was written to express the seed metaphor shown above it.

                    Apt: the sentence expresses the seed metaphor fittingly — the comparison makes sense.
                    Specific: the sentence says something particular, not a vague statement that would fit many metaphors.
                    Imageable: the sentence calls up a concrete picture you can imagine.

                    Keys: 1 = yes, 2 = no for the highlighted question; Enter submits, S skips, G shows these guidelines.
                    """,
                Form = new SurveyConfig(
                [
                    new SurveyItem("apt", SurveyItemKind.YesNo, "Is the sentence an apt expression of the seed metaphor?"),
                    new SurveyItem("specific", SurveyItemKind.YesNo, "Is the sentence specific?"),
                    new SurveyItem("imageable", SurveyItemKind.YesNo, "Is the sentence imageable (easy to picture)?"),
                ]),
            }),
        new("dialogue-transcripts", "Dialogue transcripts (3 raters)",
            "Whole social-dialogue transcripts: the turn-by-turn marks participants give their own conversation, plus three overall scales, rated by third parties.",
            new AnnotationProjectConfig
            {
                Name = "Dialogue quality", Target = AnnotationTarget.Transcript, RatersPerItem = 3,
                Guidelines = """
                    Read the whole conversation between a person and an AI. Then, for each AI reply, tick every statement that applies (leave all boxes empty if none do), and rate the conversation as a whole.

                    Keys: 1–5 pick a value of the highlighted question, Enter submits, S skips, G shows these guidelines.
                    """,
                Form = new SurveyConfig(
                [
                    new SurveyItem("not-human-like", SurveyItemKind.TurnMark, "This reply did not sound like a person.", Required: false),
                    new SurveyItem("no-sense", SurveyItemKind.TurnMark, "This reply made no sense.", Required: false),
                    new SurveyItem("not-specific", SurveyItemKind.TurnMark, "This reply was not specific.", Required: false),
                    new SurveyItem("fluency", SurveyItemKind.Likert, "How fluent were the AI's replies?", 1, 5, "Not at all", "Very"),
                    new SurveyItem("sensible", SurveyItemKind.Likert, "How much sense did the AI make?", 1, 5, "None", "Complete sense"),
                    new SurveyItem("specific", SurveyItemKind.Likert, "How specific were the AI's replies?", 1, 5, "Not at all", "Very"),
                ]),
            }),
    ];

    /// <summary>The template with this key, or null.</summary>
    public static AnnotationTemplate? Find(string key) => All.FirstOrDefault(t => t.Key == key);
}

/// <summary>A ready-made project.</summary>
/// <param name="Key">Stable key.</param>
/// <param name="Name">Name shown in the list.</param>
/// <param name="Description">What it rates and where it comes from.</param>
/// <param name="Config">The config a project made from it starts with.</param>
public sealed record AnnotationTemplate(string Key, string Name, string Description, AnnotationProjectConfig Config);
