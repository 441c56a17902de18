using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Tests;

/// <summary>Small study configs for tests.</summary>
internal static class TestStudies
{
    public static ConditionConfig Condition(string key, int weight = 1) => new(
        key, "Chatbot", new ModelRef("local", "demo-chat"), new DecodingSettings(),
        new PromptTemplate(PromptStyle.Completion, "{scenario}\n{history}"), weight);

    public static StudyConfig TwoConditions() => new()
    {
        Title = "Social dialogue",
        Conditions = [Condition("a"), Condition("b")],
        Stages =
        [
            new StageConfig("consent", StageKind.Consent, "Consent", "You agree."),
            new StageConfig("chat", StageKind.Task, "Chat", Task: new TaskConfig("social-dialogue", ["Say hi."])),
            new StageConfig("survey", StageKind.Survey, "Survey", Survey: new SurveyConfig(
                [new SurveyItem("again", SurveyItemKind.Likert, "Talk again?")])),
        ],
    };
}
