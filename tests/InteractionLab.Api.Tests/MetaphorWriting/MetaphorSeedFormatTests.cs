using InteractionLab.Api.Tasks.MetaphorWriting;

namespace InteractionLab.Api.Tests.MetaphorWriting;

/// <summary>Seed metaphor files: CSV and JSON lines, every problem reported with its line.</summary>
public sealed class MetaphorSeedFormatTests
{
    private readonly MetaphorSeedFormat format = new();

    [Fact]
    public void ACsvWithAQuotedCommaAndNoExplanationColumnParses()
    {
        var result = format.Parse("seeds.csv", "id,seed\r\njourney,\"Love, they say, is a journey\"\r\ngarden,A mind is a garden\r\n");

        Assert.Empty(result.Problems);
        var items = System.Text.Json.JsonSerializer.Deserialize<List<MetaphorSeed>>(result.Items!.Value, InteractionLab.Api.Tasks.TaskEventLog.Json)!;
        Assert.Equal([new MetaphorSeed("journey", "Love, they say, is a journey"), new MetaphorSeed("garden", "A mind is a garden")], items);
    }

    [Fact]
    public void EveryBadRowIsReportedWithItsLine()
    {
        var result = format.Parse("seeds.csv", "id,seed,explanation\na,Love is a journey,\na,Time is money,\nb,,\n");

        Assert.Null(result.Items);
        Assert.Equal([(3, "The id 'a' is used twice; ids must be unique."), (4, "The seed metaphor is empty.")],
            result.Problems.Select(p => (p.Line ?? 0, p.Message)));
    }

    [Fact]
    public void AMissingHeaderAndBrokenJsonLinesAreExplained()
    {
        Assert.Contains("header id,seed", format.Parse("seeds.csv", "Love is a journey\n").Problems.Single().Message);
        var jsonl = format.Parse("seeds.jsonl", "{\"id\":\"a\",\"seed\":\"Anger is a storm\",\"explanation\":\"It passes.\"}\n{oops\n");
        Assert.Equal(2, jsonl.Problems.Single().Line);
    }

    [Fact]
    public void TheDemoSetParsesIntoFiveSeeds()
    {
        var demo = Assert.Single(format.DemoSets);
        var result = format.Parse(demo.FileName, demo.Content);

        Assert.Equal(MetaphorSeedFormat.DemoKey, demo.Key);
        Assert.Empty(result.Problems);
        Assert.Equal(5, result.Count);
    }
}
