using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Tests.Annotation;

public class JudgeAnswersTests
{
    private static readonly AnnotationProjectConfig Config = new()
    {
        Name = "Dialogue", Guidelines = "Judge the AI only.",
        Form = new SurveyConfig(
        [
            new SurveyItem("fluency", SurveyItemKind.Likert, "How fluent?", 1, 5, "Not at all", "Very"),
            new SurveyItem("tone", SurveyItemKind.MultipleChoice, "Tone?", Options: ["Warm", "Neutral", "Cold"]),
            new SurveyItem("no-sense", SurveyItemKind.TurnMark, "Made no sense.", Required: false),
            new SurveyItem("why", SurveyItemKind.FreeText, "Why?", Required: false),
        ]),
    };

    private static readonly ItemContent Dialogue = new("transcript", Turns:
    [
        new ContentTurn(0, ItemContent.PersonSpeaker, "Hi."), new ContentTurn(1, ItemContent.AiSpeaker, "Hello!"),
        new ContentTurn(2, ItemContent.PersonSpeaker, "How are you?"), new ContentTurn(3, ItemContent.AiSpeaker, "Purple."),
    ]);

    [Fact]
    public void AnAnswerBecomesTheSameAnswersAHumanSubmitsWithChoicesAsTheFormWritesThemAndEveryAiTurnMarked()
    {
        var (answers, problem) = JudgeAnswers.Read(Config, Dialogue, """{"fluency": 4, "tone": "warm", "no-sense": [3], "why": "Turn 3 is odd."}""");

        Assert.Null(problem);
        Assert.Equal(
            [("fluency", "4", null), ("tone", "Warm", null), ("no-sense", "false", 1), ("no-sense", "true", 3), ("why", "Turn 3 is odd.", null)],
            answers!.Select(a => (a.ItemKey, a.Value, a.TurnIndex)));
    }

    [Theory]
    [InlineData("""{"fluency": 6, "tone": "Warm"}""", "'fluency' is not one of the allowed answers")]
    [InlineData("""{"fluency": 3.5, "tone": "Warm"}""", "'fluency' is not one of the allowed answers")]
    [InlineData("""{"fluency": 3, "tone": "Hot"}""", "'tone' is not one of the allowed answers")]
    [InlineData("""{"tone": "Warm"}""", "no answer to 'fluency'")]
    [InlineData("It was fluent.", "the answer is not JSON")]
    [InlineData("[4]", "the answer is not a JSON object")]
    public void AnAnswerOutsideTheFormStoresNothingAndSaysWhy(string json, string why)
    {
        var (answers, problem) = JudgeAnswers.Read(Config, Dialogue, json);

        Assert.Null(answers);
        Assert.Equal(why, problem);
    }

    [Fact]
    public void ThePromptCarriesTheGuidelinesEachQuestionsAllowedAnswersAndTheItemWithNumberedTurns()
    {
        var system = JudgePrompt.System(Config);
        var item = JudgePrompt.Item(Dialogue);

        Assert.Contains("Judge the AI only.", system);
        Assert.Contains("- \"fluency\": How fluent? Allowed: an integer from 1 (Not at all) to 5 (Very).", system);
        Assert.Contains("- \"tone\": Tone? Allowed: \"Warm\" or \"Neutral\" or \"Cold\".", system);
        Assert.Equal("[turn 0] Person: Hi.\n[turn 1] AI: Hello!\n[turn 2] Person: How are you?\n[turn 3] AI: Purple.", item);
        Assert.Equal(64, JudgePrompt.TemplateHash.Length);
    }
}
