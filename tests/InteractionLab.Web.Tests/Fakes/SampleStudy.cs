using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Web.Participant;

namespace InteractionLab.Web.Tests.Fakes;

/// <summary>The social-dialogue study of HALIE as the participant pages see it.</summary>
public static class SampleStudy
{
    public static readonly IReadOnlyList<SurveyItem> TurnMarks =
    [
        new("not_humanlike", SurveyItemKind.TurnMark, "Not human-like"),
        new("no_sense", SurveyItemKind.TurnMark, "Made no sense"),
        new("interesting", SurveyItemKind.TurnMark, "Interesting"),
    ];

    public static readonly SurveyItem TalkAgain =
        new("talk_again", SurveyItemKind.Likert, "Would you talk to this chatbot again?", 1, 5, "Definitely not", "Definitely yes");

    public static readonly IReadOnlyList<StageConfig> Stages =
    [
        new("consent", StageKind.Consent, "Consent", "Taking part is voluntary."),
        new("instructions", StageKind.Instructions, "Instructions", "You will chat with a chatbot.\n\nBe yourself."),
        new("dialogue", StageKind.Task, "Chat", Task: new TaskConfig("social-dialogue", ["You just moved to a new city."], MinTurns: 2, MaxTurns: 10)),
        new("marks", StageKind.Survey, "Mark the replies", Survey: new SurveyConfig(TurnMarks)),
        new("rating", StageKind.Survey, "Your experience", Survey: new SurveyConfig([TalkAgain])),
        new("debrief", StageKind.Debrief, "Thank you", "Thanks for taking part."),
    ];

    public static readonly IReadOnlyList<ChatTurn> Dialogue =
    [
        new(0, TurnRole.Participant, "Hi there"),
        new(1, TurnRole.Model, "Hello! How are you?"),
        new(2, TurnRole.Participant, "Fine, I moved recently."),
        new(3, TurnRole.Model, "Where did you move", Stopped: true),
    ];

    public static SessionSnapshot At(string stageKey, IReadOnlyList<ChatTurn>? turns = null)
    {
        var index = Stages.ToList().FindIndex(s => s.Key == stageKey);
        return new("halie-dialogue", "Chatting with a chatbot", index, Stages.Count, Stages[index], SessionStatus.InProgress,
            "Chatbot", "You just moved to a new city.", turns ?? [], false, null);
    }
}
