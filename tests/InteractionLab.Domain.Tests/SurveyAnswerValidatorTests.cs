using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;

namespace InteractionLab.Domain.Tests;

public sealed class SurveyAnswerValidatorTests
{
    private static readonly SurveyConfig Survey = new(
    [
        new SurveyItem("talk-again", SurveyItemKind.Likert, "Would you talk to this chatbot again?", 1, 5),
        new SurveyItem("comments", SurveyItemKind.FreeText, "Anything else?", Required: false),
        new SurveyItem("boring", SurveyItemKind.TurnMark, "Boring", Required: false),
    ]);

    private static readonly HashSet<int> ModelTurns = [1, 3];

    [Fact]
    public void ValidAnswersHaveNoErrors() =>
        Assert.Empty(SurveyAnswerValidator.Validate(Survey, [new("talk-again", "5"), new("boring", "true", 3)], ModelTurns));

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("3.5")]
    [InlineData("x")]
    public void LikertOutsideItsScaleIsAnError(string value)
    {
        var errors = SurveyAnswerValidator.Validate(Survey, [new("talk-again", value)], ModelTurns);
        Assert.Contains("from 1 to 5", Assert.Single(errors["talk-again"]));
    }

    [Fact]
    public void MissingRequiredItemIsAnError() =>
        Assert.Contains("needs an answer", Assert.Single(SurveyAnswerValidator.Validate(Survey, [], ModelTurns)["talk-again"]));

    [Fact]
    public void TurnMarkOnAParticipantTurnOrMissingTurnIsAnError()
    {
        var errors = SurveyAnswerValidator.Validate(Survey, [new("talk-again", "3"), new("boring", "true", 2), new("boring", "true")], ModelTurns);
        Assert.Equal(2, errors["boring"].Length);
    }

    [Fact]
    public void UnknownItemAndDuplicateAnswersAreErrors()
    {
        var errors = SurveyAnswerValidator.Validate(Survey, [new("talk-again", "3"), new("talk-again", "4"), new("ghost", "1")], ModelTurns);
        Assert.Contains("more than once", Assert.Single(errors["talk-again"]));
        Assert.Contains("not a question", Assert.Single(errors["ghost"]));
    }
}
