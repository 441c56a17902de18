using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Tests.Annotation;

public class RatingAggregateTests
{
    private static readonly SurveyItem Good = new("good", SurveyItemKind.YesNo, "Good?");
    private static readonly SurveyItem Clear = new("clear", SurveyItemKind.Likert, "Clear?", 1, 5);
    private static readonly SurveyItem Warmth = new("warmth", SurveyItemKind.Slider, "Warmth", 0, 100);

    [Fact]
    public void NominalAnswersAggregateToTheirModeAndATieHasNone()
    {
        // yes, yes, no: yes twice → mode "yes" of 3 answers.
        Assert.Equal(new AggregateValue("yes", "mode", 3), RatingAggregate.Of(Good, MeasurementLevel.Nominal, ["yes", "no", "yes"]));
        // yes, no: one each → no mode; both still counted.
        Assert.Equal(new AggregateValue(null, "mode (tie)", 2), RatingAggregate.Of(Good, MeasurementLevel.Nominal, ["yes", "no"]));
    }

    [Fact]
    public void OrdinalAnswersAggregateToTheirMedianAndIntervalAnswersToTheirMean()
    {
        // 5, 1, 4 sorted 1, 4, 5: median 4 (the mean 3.333 would treat the steps as equal, which ordinal data does not allow).
        Assert.Equal(new AggregateValue("4", "median", 3), RatingAggregate.Of(Clear, MeasurementLevel.Ordinal, ["5", "1", "4"]));
        // 2, 5: the median of an even count is the mean of the middle two, 3.5.
        Assert.Equal(new AggregateValue("3.5", "median", 2), RatingAggregate.Of(Clear, MeasurementLevel.Ordinal, ["2", "5"]));
        // 10, 20, 40: mean 70 / 3 = 23.333333 (rounded to 6 decimals); the empty answer is not counted.
        Assert.Equal(new AggregateValue("23.333333", "mean", 3), RatingAggregate.Of(Warmth, MeasurementLevel.Interval, ["10", "", "20", "40"]));
    }

    [Fact]
    public void FreeTextHasNoAggregate() =>
        Assert.Null(RatingAggregate.Of(new SurveyItem("why", SurveyItemKind.FreeText, "Why?"), null, ["because"]));
}
