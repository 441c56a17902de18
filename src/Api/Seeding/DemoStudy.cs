using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Seeding;

/// <summary>
/// The demo study seeded on first start: HALIE's social dialogue task on the local demo model, two conditions
/// that differ in seed and temperature, turn-by-turn marks of the transcript and a dialogue-level survey.
/// </summary>
public static class DemoStudy
{
    /// <summary>Slug of the demo study.</summary>
    public const string Slug = "demo";
    /// <summary>Model id of the in-process demo model.</summary>
    public const string ModelId = "demo-chat";

    private const string Prompt = """
        The following are conversations between a person and a friendly, curious chatbot. The chatbot replies in one or two short sentences and stays on the topic.

        Scenario: You just got back from a hiking trip.
        User: Hi! I just came back from a hike in the mountains.
        Chatbot: Welcome back! Which trail did you take?
        User: The ridge trail. The view at the top was amazing.
        Chatbot: That sounds beautiful. Did you see any wildlife up there?

        Scenario: {scenario}
        {history}
        """;

    /// <summary>The demo study's configuration.</summary>
    public static StudyConfig Config() => new()
    {
        Title = "Chatting with a chatbot",
        Conditions =
        [
            Condition("warm", temperature: 0.9f, seed: 1234),
            Condition("cool", temperature: 0.7f, seed: 5678),
        ],
        Assignment = new AssignmentConfig(AbandonAfterMinutes: 60),
        Recruitment = new RecruitmentConfig("DEMO-C0MPL3TE", "https://app.prolific.com/submissions/complete"),
        Stages =
        [
            new StageConfig("consent", StageKind.Consent, "Consent",
                "This is a research study about how people talk with chatbots. You will chat with a chatbot for a few minutes and answer a few questions.\n\nWe record what you type, the chatbot's replies and when things happen on the page. We do not record your name. You can stop at any time by closing the page.\n\nBy agreeing you confirm that you are 18 or older and agree to take part."),
            new StageConfig("instructions", StageKind.Instructions, "Instructions",
                "You will get a scenario. Chat with the chatbot about it as you would with a person, for at least 3 messages. Press “End conversation” when you want to stop.\n\nAfterwards you will look back at the chatbot's replies and tell us what you thought."),
            new StageConfig("chat", StageKind.Task, "Chat",
                Task: new TaskConfig("social-dialogue",
                    [
                        "You just moved to a new city and are looking for things to do on weekends.",
                        "You are planning a birthday dinner for a friend.",
                        "You recently started learning to play the guitar.",
                        "You are trying to decide which book to read next.",
                    ],
                    MinTurns: 3, MaxTurns: 20)),
            new StageConfig("marks", StageKind.Survey, "Look back at the chatbot's replies",
                "Tick every statement that applies to each of the chatbot's replies.",
                Survey: new SurveyConfig(
                [
                    Mark("not-human-like", "This reply was not human-like."),
                    Mark("no-sense", "This reply made no sense."),
                    Mark("not-specific", "This reply was not specific."),
                    Mark("interesting", "This reply was interesting."),
                    Mark("boring", "This reply was boring."),
                    Mark("not-continue", "This reply made me not want to continue."),
                ])),
            new StageConfig("rating", StageKind.Survey, "About the whole conversation",
                Survey: new SurveyConfig(
                [
                    new SurveyItem("talk-again", SurveyItemKind.Likert, "Would you talk to this chatbot again?", 1, 5, "Definitely not", "Definitely"),
                    new SurveyItem("fluency", SurveyItemKind.Likert, "How fluent were the chatbot's replies?", 1, 5, "Not at all", "Very"),
                    new SurveyItem("sensible", SurveyItemKind.Likert, "How much sense did the chatbot make?", 1, 5, "None", "Complete sense"),
                    new SurveyItem("specific", SurveyItemKind.Likert, "How specific were the chatbot's replies?", 1, 5, "Not at all", "Very"),
                    new SurveyItem("enjoyment", SurveyItemKind.Likert, "How much did you enjoy the conversation?", 1, 5, "Not at all", "Very much"),
                    new SurveyItem("comments", SurveyItemKind.FreeText, "Anything else you want to tell us?", Required: false),
                ])),
            new StageConfig("debrief", StageKind.Debrief, "Thank you!",
                "Thank you for taking part. The chatbot was a small language model; its replies were generated automatically and can be wrong or odd — that is what this study looks at.\n\nPlease keep this page open until your answers are saved. Your completion code then appears below; if you came from Prolific, the button below takes you back there to finish."),
        ],
    };

    private static ConditionConfig Condition(string key, float temperature, int seed) => new(
        key, "Chatbot", new ModelRef("local", ModelId),
        new DecodingSettings { Temperature = temperature, MaxTokens = 50, Stop = ["\nUser:", "\n\n"], Seed = seed },
        new PromptTemplate(PromptStyle.Completion, Prompt, "User: ", "Chatbot: "));

    private static SurveyItem Mark(string key, string prompt) => new(key, SurveyItemKind.TurnMark, prompt, Required: false);
}
