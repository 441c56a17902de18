using InteractionLab.Domain.Metrics;

namespace InteractionLab.Domain.Tests.Metrics;

public class SummarizationMetricsTests
{
    [Fact]
    public void MeasuresEditDistanceAndEditingTimeOfOneSummary()
    {
        var item = new SummaryEdit("doc-1", "The cat sat on a mat.", "The cat sat on the mat.", 10_000, 25_500);

        var m = SummarizationMetrics.Measure(item);

        Assert.Equal(3, m.CharacterDistance);   // "a" → "the": one substitution, two insertions
        Assert.Equal(1, m.WordDistance);
        Assert.Equal(3.0 / 23, m.NormalizedCharacterDistance, 12);
        Assert.Equal(15.5, m.EditingSeconds);
    }

    [Fact]
    public void AnUneditedSummaryHasDistanceZero()
    {
        var m = SummarizationMetrics.Measure(new SummaryEdit("d", "Same.", "Same.", 0, 2_000));

        Assert.Equal(0, m.CharacterDistance);
        Assert.Equal(2, m.EditingSeconds);
    }

    [Fact]
    public void AveragesOverTheSessionsItemsAndSkipsBackwardClocks()
    {
        SummaryEdit[] items =
        [
            new("a", "abc", "abd", 0, 4_000),     // distance 1, 4 s
            new("b", "abc", "xyzw", 0, 8_000),    // distance 4, 8 s
            new("c", "abc", "abc", 9_000, 1_000), // distance 0, clock ran backwards
        ];

        var session = SummarizationMetrics.Compute(items);

        Assert.Null(session.Items[2].EditingSeconds);
        Assert.Equal(5.0 / 3, session.MeanCharacterDistance!.Value, 12);
        Assert.Equal(6, session.MeanEditingSeconds);
        Assert.Equal((1.0 / 3 + 1) / 3, session.MeanNormalizedCharacterDistance!.Value, 12);
    }

    [Fact]
    public void ASessionWithoutItemsHasNoMeans()
    {
        var session = SummarizationMetrics.Compute([]);

        Assert.Null(session.MeanCharacterDistance);
        Assert.Null(session.MeanEditingSeconds);
    }
}
