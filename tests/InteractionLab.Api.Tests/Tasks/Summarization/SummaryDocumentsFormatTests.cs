using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks.Summarization;

namespace InteractionLab.Api.Tests.Tasks.Summarization;

/// <summary>The documents format: JSON lines and CSV, and every problem reported with its line.</summary>
public sealed class SummaryDocumentsFormatTests
{
    private static readonly SummaryDocumentsFormat Format = new();

    private static IReadOnlyList<SummaryDocument> Documents(StimulusParseResult result)
    {
        Assert.Empty(result.Problems);
        return new StimulusSetContent("k", "n", Format.Kind, result.Items!.Value, result.Count, false).ItemsAs<SummaryDocument>();
    }

    [Fact]
    public void JsonLinesBecomeDocumentsWithBlankLinesSkippedAndNumericIdsKept()
    {
        var result = Format.Parse("docs.jsonl", "{\"id\":\"a\",\"title\":\" Harbour \",\"text\":\"One.\\r\\n\\r\\nTwo.\"}\n\n{\"id\":7,\"text\":\"Seven.\"}\n");

        var docs = Documents(result);

        Assert.Equal(2, result.Count);
        Assert.Equal(new SummaryDocument("a", "Harbour", "One.\n\nTwo."), docs[0]);
        Assert.Equal(new SummaryDocument("7", "Document 2", "Seven."), docs[1]); // no title: a neutral one
    }

    [Fact]
    public void EveryJsonLineProblemIsReportedWithItsLine()
    {
        var longText = new string('x', SummaryDocumentsFormat.MaxTextLength + 1);
        var content = string.Join('\n',
            "{\"id\":\"a\",\"text\":\"fine\"}",
            "{\"id\":\"b\",\"title\":\"no text\"}",
            $"{{\"id\":\"c\",\"text\":\"{longText}\"}}",
            "{\"id\":\"a\",\"text\":\"again\"}",
            "not json",
            "{\"text\":\"no id\"}");

        var result = Format.Parse("docs.jsonl", content);

        Assert.Null(result.Items);
        Assert.Equal([2, 3, 4, 5, 6], result.Problems.Select(p => p.Line!.Value));
        Assert.Contains("has no text", result.Problems[0].Message);
        Assert.Contains("20,000", result.Problems[1].Message);
        Assert.Contains("'a' is already used on line 1", result.Problems[2].Message);
        Assert.Contains("not valid JSON", result.Problems[3].Message);
        Assert.Contains("no id", result.Problems[4].Message);
    }

    [Fact]
    public void CsvReadsQuotedFieldsWithCommasQuotesAndLineBreaksInAnyColumnOrder()
    {
        var content = "text,ID,title\r\n\"First, with \"\"quotes\"\".\r\n\r\nSecond paragraph.\",one,Title one\r\nPlain text,two,\r\n";

        var docs = Documents(Format.Parse("docs.csv", content));

        Assert.Equal(new SummaryDocument("one", "Title one", "First, with \"quotes\".\n\nSecond paragraph."), docs[0]);
        Assert.Equal(new SummaryDocument("two", "Document 2", "Plain text"), docs[1]);
    }

    [Fact]
    public void CsvProblemsNameTheLineTheRecordStartsOn()
    {
        // The first record spans lines 2-3, so the duplicate on the next record is on line 4.
        var content = "id,title,text\none,T,\"two\nlines\"\none,T,dup\ntwo,T,\nthree,T,a,b\n";

        var result = Format.Parse("docs.csv", content);

        Assert.Equal([4, 5, 6], result.Problems.Select(p => p.Line!.Value));
        Assert.Contains("already used on line 2", result.Problems[0].Message);
        Assert.Contains("has no text", result.Problems[1].Message);
        Assert.Contains("double quotes", result.Problems[2].Message);
    }

    [Fact]
    public void ACsvWithoutIdAndTextColumnsOrWithAnOpenQuoteIsRefused()
    {
        var header = Format.Parse("docs.csv", "name,body\na,b\n");
        var open = Format.Parse("docs.csv", "id,text\na,\"never closed\n");

        Assert.Equal(1, Assert.Single(header.Problems).Line);
        Assert.Contains("id and text", header.Problems[0].Message);
        Assert.Contains("never closed", Assert.Single(open.Problems).Message);
        Assert.Equal(2, open.Problems[0].Line);
    }

    [Fact]
    public void TheDemoSetParsesIntoFourDocuments()
    {
        var demo = Assert.Single(Format.DemoSets);

        var docs = Documents(Format.Parse(demo.FileName, demo.Content));

        Assert.Equal("demo-summarization-news", demo.Key);
        Assert.Equal(4, docs.Count);
        Assert.All(docs, d => Assert.Contains("\n\n", d.Text));
    }
}
