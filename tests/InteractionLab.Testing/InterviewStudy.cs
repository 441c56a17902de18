using InteractionLab.Api.Seeding;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Testing;

/// <summary>A study whose only task is a values interview (consent → interview → debrief), on a chosen model.</summary>
public static class InterviewStudy
{
    /// <summary>The interview stage's key.</summary>
    public const string StageKey = "interview";

    /// <summary>The demo config with the stages replaced by consent, a <c>moral-interview</c> stage and the debrief, served by <paramref name="model"/>.</summary>
    public static StudyConfig Config(ModelRef model, IReadOnlyDictionary<string, string>? settings = null)
    {
        var demo = DemoStudy.Config();
        return demo with
        {
            Title = "What matters when responding well",
            Conditions = [new ConditionConfig("only", "Interviewer", model, new DecodingSettings { Temperature = 0.7f, MaxTokens = 60, Seed = 7 },
                new PromptTemplate(PromptStyle.Chat, "You are an interviewer."))],
            Stages =
            [
                demo.Stages[0],
                new StageConfig(StageKey, StageKind.Task, "What do you care about?",
                    Task: new TaskConfig("moral-interview", Settings: settings ?? new Dictionary<string, string>())),
                demo.Stages[^1],
            ],
        };
    }
}
