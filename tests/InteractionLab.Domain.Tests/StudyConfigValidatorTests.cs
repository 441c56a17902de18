using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Tests;

public class StudyConfigValidatorTests
{
    [Fact]
    public void AValidStudyHasNoProblems()
    {
        Assert.Empty(StudyConfigValidator.Validate(TestStudies.TwoConditions()));
    }

    [Fact]
    public void ReportsDuplicateConditionKeysAndBadDecodingInWordsAResearcherUnderstands()
    {
        var c = TestStudies.Condition("a") with { Decoding = new DecodingSettings { Temperature = 3, MaxTokens = 0 } };
        var config = TestStudies.TwoConditions() with { Conditions = [c, TestStudies.Condition("a")] };

        var errors = StudyConfigValidator.Validate(config);

        Assert.Contains("Condition key 'a' is used more than once.", errors);
        Assert.Contains("Condition 'a': temperature must be between 0 and 2.", errors);
        Assert.Contains("Condition 'a': max tokens must be between 1 and 4096.", errors);
    }

    [Fact]
    public void ASurveyStageWithoutQuestionsIsRejected()
    {
        var config = TestStudies.TwoConditions() with
        {
            Stages = [new StageConfig("s", StageKind.Survey, "Survey", Survey: new SurveyConfig([]))],
        };

        Assert.Contains("Survey stage 's' has no questions.", StudyConfigValidator.Validate(config));
    }
}
