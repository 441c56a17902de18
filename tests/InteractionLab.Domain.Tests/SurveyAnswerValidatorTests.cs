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

    // Answers are stored as sent, so another spelling of 3 would be stored beside "3" as a different text: refused.
    [Theory]
    [InlineData(" 3")]
    [InlineData("3 ")]
    [InlineData("+3")]
    [InlineData("03")]
    [InlineData("٣")]
    [InlineData("-0")]
    public void AScaleAnswerWrittenOtherThanAsPlainDigitsIsRefusedNotStoredAsTyped(string value)
    {
        var errors = SurveyAnswerValidator.Validate(Survey, [new("talk-again", value)], ModelTurns);
        Assert.Contains("written as plain digits", Assert.Single(errors["talk-again"]));
    }

    [Theory]
    [InlineData(" 40")]
    [InlineData("+40")]
    [InlineData("040")]
    public void ASliderAnswerWrittenOtherThanAsPlainDigitsIsRefusedToo(string value)
    {
        var slider = new SurveyItem("warmth", SurveyItemKind.Slider, "How warm?", 0, 100, Step: 10);
        var errors = SurveyAnswerValidator.Validate(new SurveyConfig([slider]), [new("warmth", value)], ModelTurns);
        Assert.Single(errors["warmth"]);
        Assert.Empty(SurveyAnswerValidator.Validate(new SurveyConfig([slider]), [new("warmth", "40")], ModelTurns));
    }

    [Theory]
    [InlineData("-2", true)]
    [InlineData("0", true)]
    [InlineData("-02", false)]
    [InlineData("2147483648", false)]
    public void PlainDigitsWithAnOptionalMinusAreAWholeNumber(string value, bool accepted) =>
        Assert.Equal(accepted, SurveyScoring.TryReadWholeNumber(value, out _));

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
