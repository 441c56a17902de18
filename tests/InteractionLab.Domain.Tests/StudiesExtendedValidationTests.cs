using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;

namespace InteractionLab.Domain.Tests;

public class StudiesExtendedValidationTests
{
    private static IReadOnlyList<string> ValidateItem(SurveyItem item, StageConfig? stage = null) =>
        StudyConfigValidator.Validate(TestStudies.TwoConditions() with
        {
            Stages = [stage ?? new StageConfig("s", StageKind.Survey, "Survey", Survey: new SurveyConfig([item]))],
        });

    [Fact]
    public void MultipleChoiceNeedsChoices()
    {
        Assert.Contains("Question 'q' in stage 's' needs at least two choices.",
            ValidateItem(new SurveyItem("q", SurveyItemKind.MultipleChoice, "Pick", Options: ["only"])));
    }

    [Fact]
    public void SliderNeedsMinBelowMaxAndAPositiveStep()
    {
        var errors = ValidateItem(new SurveyItem("q", SurveyItemKind.Slider, "How much?", Min: 10, Max: 0, Step: 0));

        Assert.Contains("Question 'q' in stage 's' needs min below max.", errors);
        Assert.Contains("Question 'q' in stage 's' needs a slider step above 0.", errors);
    }

    [Fact]
    public void QuotaMustBeAtLeastOne()
    {
        var config = TestStudies.TwoConditions() with { Conditions = [TestStudies.Condition("a") with { Quota = 0 }] };

        Assert.Contains("Condition 'a': the quota must be at least 1 participant (leave it empty for no quota).", StudyConfigValidator.Validate(config));
    }

    [Fact]
    public void MinimumTimeCannotExceedTheTimeLimit()
    {
        var stage = new StageConfig("s", StageKind.Instructions, "Read", "Text", MinSeconds: 60, TimeLimitSeconds: 30);

        Assert.Contains("Stage 's': the minimum time (60 s) is longer than the time limit (30 s).", ValidateItem(null!, stage));
    }

    [Fact]
    public void UrlParameterModeNeedsAParameterName()
    {
        var config = TestStudies.TwoConditions() with { Assignment = new AssignmentConfig(Mode: AssignmentMode.UrlParameter, UrlParameter: " ") };

        Assert.Contains("Assignment by link parameter needs the name of that parameter.", StudyConfigValidator.Validate(config));
    }

    [Fact]
    public void AnAttentionChecksExpectedAnswerMustBeAnAnswerOfTheItem()
    {
        Assert.Contains("Question 'q' in stage 's': the expected answer '7' of the attention check is not an answer the question allows.",
            ValidateItem(new SurveyItem("q", SurveyItemKind.Likert, "Pick 4", AttentionCheck: "7")));
        Assert.Contains("Question 'q' in stage 's': the expected answer 'maybe' of the attention check is not an answer the question allows.",
            ValidateItem(new SurveyItem("q", SurveyItemKind.YesNo, "Say yes", AttentionCheck: "maybe")));
        Assert.Empty(ValidateItem(new SurveyItem("q", SurveyItemKind.MultipleChoice, "Pick blue", Options: ["red", "blue"], AttentionCheck: "blue")));
    }

    [Fact]
    public void NewAnswerKindsAreValidatedAndRequiredIsWaivedOnlyWhenTimedOut()
    {
        var survey = new SurveyConfig(
        [
            new SurveyItem("yn", SurveyItemKind.YesNo, "Yes?"),
            new SurveyItem("mc", SurveyItemKind.MultipleChoice, "Colour?", Options: ["red", "blue"]),
            new SurveyItem("sl", SurveyItemKind.Slider, "How much?", Min: 0, Max: 100, Step: 10),
        ]);

        var bad = SurveyAnswerValidator.Validate(survey, [new("yn", "perhaps"), new("mc", "green"), new("sl", "15")], new HashSet<int>());
        var missing = SurveyAnswerValidator.Validate(survey, [new("yn", "yes")], new HashSet<int>());
        var timedOut = SurveyAnswerValidator.Validate(survey, [new("yn", "yes")], new HashSet<int>(), timedOut: true);
        var good = SurveyAnswerValidator.Validate(survey, [new("yn", "no"), new("mc", "blue"), new("sl", "30")], new HashSet<int>());

        Assert.Equal(["mc", "sl", "yn"], bad.Keys.Order());
        Assert.Contains("'How much?' needs a value from 0 to 100 in steps of 10.", bad["sl"]);
        Assert.Equal(["mc", "sl"], missing.Keys.Order());
        Assert.Empty(timedOut);
        Assert.Empty(good);
    }

    [Fact]
    public void ReverseCodedScoresAreMinPlusMaxMinusRawAndAttentionChecksCompareAnswers()
    {
        var reversed = new SurveyItem("r", SurveyItemKind.Likert, "I felt bored.", Min: 1, Max: 7, ReverseCoded: true);
        var check = new SurveyItem("c", SurveyItemKind.MultipleChoice, "Pick blue", Options: ["red", "blue"], AttentionCheck: "blue");

        Assert.Equal(6, SurveyScoring.Scored(reversed, "2"));
        Assert.Equal(2, SurveyScoring.Scored(reversed with { ReverseCoded = false }, "2"));
        Assert.Null(SurveyScoring.Scored(check, "blue"));
        Assert.True(SurveyScoring.PassesAttentionCheck(check, "blue"));
        Assert.False(SurveyScoring.PassesAttentionCheck(check, "red"));
        Assert.False(SurveyScoring.PassesAttentionCheck(check, null));
        Assert.Null(SurveyScoring.PassesAttentionCheck(reversed, "2"));
    }
}
