using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Seeding;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Studies;

/// <summary>What a new study can start from.</summary>
public static class StudyTemplates
{
    /// <summary>Name of the smallest valid study: consent, debrief and one condition on the demo model.</summary>
    public const string Empty = "empty";
    /// <summary>Name of a copy of the demo study (social dialogue with turn marks and a survey).</summary>
    public const string Demo = "demo";

    /// <summary>Template names with a description, for the new-study form.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (Empty, "Empty: consent, debrief and one condition to fill in"),
        (Demo, "Copy of the demo study: social dialogue, turn marks and a survey"),
    ];

    /// <summary>The config of template <paramref name="name"/> with <paramref name="title"/>; a 400 problem for an unknown name.</summary>
    public static StudyConfig Create(string name, string title) => name switch
    {
        Empty => EmptyStudy(title),
        Demo => DemoStudy.Config() with { Title = title },
        _ => throw PlatformProblemException.BadInput($"There is no template '{name}'. Choose one of: {string.Join(", ", All.Select(t => t.Name))}."),
    };

    private static StudyConfig EmptyStudy(string title) => new()
    {
        Title = title,
        Stages =
        [
            new StageConfig("consent", StageKind.Consent, "Consent", "Describe the study, what is recorded and how participants can stop."),
            new StageConfig("debrief", StageKind.Debrief, "Thank you!", "Thank you for taking part."),
        ],
        Conditions = [NewCondition("a")],
        Recruitment = new RecruitmentConfig(Platform: RecruitmentPlatform.None),
    };

    /// <summary>A condition on the local demo model with default decoding and a completion prompt.</summary>
    public static ConditionConfig NewCondition(string key) => new(
        key, "Chatbot", new ModelRef(LanguageModelOptions.LocalEndpoint, DemoStudy.ModelId), new DecodingSettings(),
        new PromptTemplate(PromptStyle.Completion, "The following is a conversation with a friendly chatbot.\n\nScenario: {scenario}\n{history}"));
}
