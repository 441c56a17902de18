using System.Text.Json;
using InteractionLab.Domain.MoralGraph;
using static InteractionLab.Domain.Tests.MoralGraph.MoralGraphFixtures;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class MoralGraphJsonTests
{
    private static MoralGraphDocument SampleGraph()
    {
        CanonicalValue[] values = [Value("a"), Value("b"), Value("c")];
        WiserVote[] votes =
        [
            .. Votes("a", "b", VoteChoice.Wiser, 3),
            Vote("a", "b", VoteChoice.Unsure, context: "When in distress"),
            Vote("b", "a", VoteChoice.NotWiser),
            Vote("b", "c", context: "When making decisions"),
            Vote("b", "c", participant: "p2"),
        ];
        return MoralGraphBuilder.Build(values, votes);
    }

    [Fact]
    public void ImportingAnExportedGraphGivesBackTheSameGraph()
    {
        var graph = SampleGraph();

        var back = MoralGraphJson.Deserialize(MoralGraphJson.Serialize(graph));

        Assert.Equal(graph.Values.Count, back.Values.Count);
        for (var i = 0; i < graph.Values.Count; i++)
        {
            var (x, y) = (graph.Values[i], back.Values[i]);
            Assert.Equal((x.Id, x.Title, x.Description, x.Rank, x.Votes), (y.Id, y.Title, y.Description, y.Rank, y.Votes));
            Assert.Equal(x.Policies, y.Policies);
        }
        Assert.Equal(graph.Edges.Count, back.Edges.Count);
        for (var i = 0; i < graph.Edges.Count; i++)
        {
            var (x, y) = (graph.Edges[i], back.Edges[i]);
            Assert.Equal((x.SourceValueId, x.WiserValueId, x.Counts, x.WiserLikelihood, x.Entropy),
                (y.SourceValueId, y.WiserValueId, y.Counts, y.WiserLikelihood, y.Entropy));
            Assert.Equal(x.Contexts, y.Contexts);
        }
        Assert.Equal(MoralGraphJson.Serialize(graph), MoralGraphJson.Serialize(back));
    }

    [Fact]
    public void WritesTheDocumentedCamelCaseShape()
    {
        using var doc = JsonDocument.Parse(MoralGraphJson.Serialize(SampleGraph()));

        var value = doc.RootElement.GetProperty("values")[0];
        Assert.Equal(new[] { "id", "title", "description", "policies", "rank", "votes" }, value.EnumerateObject().Select(p => p.Name));
        var edge = doc.RootElement.GetProperty("edges")[0];
        Assert.Equal(new[] { "sourceValueId", "wiserValueId", "contexts", "counts", "wiserLikelihood", "entropy" },
            edge.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "wiser", "notWiser", "unsure", "lessWise", "impressions" }, edge.GetProperty("counts").EnumerateObject().Select(p => p.Name));
        // a→b: 3 wiser and 1 unsure on a→b, plus b→a's "not wiser": 5 impressions.
        Assert.Equal(5, edge.GetProperty("counts").GetProperty("impressions").GetInt32());
    }

    [Fact]
    public void LeavesOutVoteCountsTheGraphDoesNotHave()
    {
        var graph = new MoralGraphDocument([new MoralGraphValue("x", "A value title here", "Desc.", [], 1)], []);

        var json = MoralGraphJson.Serialize(graph);

        Assert.DoesNotContain("\"votes\"", json);
        Assert.Null(MoralGraphJson.Deserialize(json).Values[0].Votes);
    }

    [Fact]
    public void ReadingAGraphWithoutEdgesFailsNamingTheMissingField()
    {
        var ex = Assert.Throws<JsonException>(() => MoralGraphJson.Deserialize("""{ "values": [] }"""));

        Assert.Contains("edges", ex.Message);
    }
}
