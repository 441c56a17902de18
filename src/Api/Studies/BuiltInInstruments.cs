using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Studies;

/// <summary>Instruments every installation starts with.</summary>
public static class BuiltInInstruments
{
    /// <summary>Key, name, description and items of each.</summary>
    public static readonly IReadOnlyList<(string Key, string Name, string Description, SurveyConfig Survey)> All =
    [
        ("dialogue-experience", "Dialogue experience (5-point)",
            "How the participant experienced the whole conversation, after HALIE's social dialogue survey; 'boring' is reverse coded.",
            new SurveyConfig(
            [
                new SurveyItem("talk-again", SurveyItemKind.Likert, "Would you talk to this chatbot again?", 1, 5, "Definitely not", "Definitely"),
                new SurveyItem("fluency", SurveyItemKind.Likert, "How fluent were the chatbot's replies?", 1, 5, "Not at all", "Very"),
                new SurveyItem("sensible", SurveyItemKind.Likert, "How much sense did the chatbot make?", 1, 5, "None", "Complete sense"),
                new SurveyItem("specific", SurveyItemKind.Likert, "How specific were the chatbot's replies?", 1, 5, "Not at all", "Very"),
                new SurveyItem("boring", SurveyItemKind.Likert, "How boring was the conversation?", 1, 5, "Not at all", "Very", ReverseCoded: true),
            ])),
        ("attention-check", "Attention check",
            "One instructed-response item: participants who read it pick 'Agree'.",
            new SurveyConfig(
            [
                new SurveyItem("attention", SurveyItemKind.MultipleChoice, "To show that you are reading carefully, please choose 'Agree'.",
                    Options: ["Disagree", "Neutral", "Agree"], AttentionCheck: "Agree"),
            ])),
        ("turn-marks", "Turn-by-turn marks",
            "Per model reply: statements the participant ticks when they apply (HALIE social dialogue).",
            new SurveyConfig(
            [
                new SurveyItem("not-human-like", SurveyItemKind.TurnMark, "This reply did not sound like a person.", Required: false),
                new SurveyItem("no-sense", SurveyItemKind.TurnMark, "This reply made no sense.", Required: false),
                new SurveyItem("not-specific", SurveyItemKind.TurnMark, "This reply was not specific.", Required: false),
                new SurveyItem("interesting", SurveyItemKind.TurnMark, "This reply was interesting.", Required: false),
                new SurveyItem("boring", SurveyItemKind.TurnMark, "This reply was boring.", Required: false),
                new SurveyItem("not-continue", SurveyItemKind.TurnMark, "After this reply I did not want to go on talking.", Required: false),
            ])),
    ];
}
