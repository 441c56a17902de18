using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Tests.Annotation;

public class RatingConsensusTests
{
    private static readonly SurveyItem Likert = new("coherent", SurveyItemKind.Likert, "Coherent?", 1, 5);
    private static readonly SurveyItem YesNo = new("consistent", SurveyItemKind.YesNo, "Consistent?");

    [Fact]
    public void ATwoToOneSplitOnACategoryHasTheMajorityAndAThirdDisagreement()
    {
        var c = RatingConsensus.Of(YesNo, ["yes", "no", "yes"]);

        Assert.Equal("yes", c.Value);
        Assert.Equal(1 / 3.0, c.Disagreement, 1e-12);
    }

    [Fact]
    public void ATieHasNoMajority() => Assert.Null(RatingConsensus.Of(YesNo, ["yes", "no"]).Value);

    [Fact]
    public void AScaleHasItsMedianAndItsRangeOverTheSpan()
    {
        // Median of 2, 3, 5 is 3; range 3 over the span 4.
        var c = RatingConsensus.Of(Likert, ["5", "2", "3"]);

        Assert.Equal("3", c.Value);
        Assert.Equal(0.75, c.Disagreement, 1e-12);
    }

    [Fact]
    public void UnanimousRatingsDoNotDisagree() => Assert.Equal(0, RatingConsensus.Of(Likert, ["4", "4", "4"]).Disagreement);

    [Fact]
    public void EachQuestionKindHasItsLevelOfMeasurement()
    {
        Assert.Equal(MeasurementLevel.Ordinal, RatingConsensus.LevelOf(Likert));
        Assert.Equal(MeasurementLevel.Nominal, RatingConsensus.LevelOf(YesNo));
        Assert.Equal(MeasurementLevel.Interval, RatingConsensus.LevelOf(new SurveyItem("s", SurveyItemKind.Slider, "?", 0, 100)));
        Assert.Null(RatingConsensus.LevelOf(new SurveyItem("t", SurveyItemKind.FreeText, "?")));
    }

    [Fact]
    public void SideSwapsAreStableAndRoughlyHalfOfAllPairs()
    {
        var annotator = Guid.Parse("6f1c7a52-8a43-4d5e-9b0a-1f0e2d3c4b5a");
        var items = Enumerable.Range(0, 400).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();

        var swapped = items.Count(i => AnnotatorShuffle.SwapSides(annotator, i));

        Assert.Equal(AnnotatorShuffle.SwapSides(annotator, items[3]), AnnotatorShuffle.SwapSides(annotator, items[3]));
        Assert.InRange(swapped, 160, 240);
    }
}
