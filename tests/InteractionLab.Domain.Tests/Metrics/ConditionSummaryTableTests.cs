using InteractionLab.Domain.Metrics;

namespace InteractionLab.Domain.Tests.Metrics;

public class ConditionSummaryTableTests
{
    [Fact]
    public void SummarisesEachMetricPerConditionInStableOrder()
    {
        SessionMetricValue[] values =
        [
            new("s1", "gpt", "acceptance", 0.5),
            new("s2", "gpt", "acceptance", 1.0),
            new("s3", "davinci", "acceptance", 0.2),
            new("s1", "gpt", "queries", 4),
            new("s2", "gpt", "queries", 6),
            new("s3", "davinci", "queries", 10),
            new("s4", "davinci", "acceptance", double.NaN),
        ];

        var table = ConditionSummaryTable.Build(values);

        Assert.Equal(
            new[] { ("davinci", "acceptance"), ("davinci", "queries"), ("gpt", "acceptance"), ("gpt", "queries") },
            table.Select(r => (r.Condition, r.Metric)));
        var gptQueries = table[3];
        Assert.Equal(2, gptQueries.N);
        Assert.Equal(5, gptQueries.Mean);
        Assert.Equal(1, gptQueries.StandardError, 12); // SD √2, SE √2/√2
        var davinciAcceptance = table[0];
        Assert.Equal(1, davinciAcceptance.N);
        Assert.Equal(0.2, davinciAcceptance.Mean);
        Assert.True(double.IsNaN(davinciAcceptance.StandardError));
    }

    [Fact]
    public void AMetricWithOnlyUndefinedValuesStillGetsARow()
    {
        var row = Assert.Single(ConditionSummaryTable.Build([new SessionMetricValue("s", "c", "m", double.NaN)]));

        Assert.Equal(0, row.N);
        Assert.True(double.IsNaN(row.Mean));
    }
}
