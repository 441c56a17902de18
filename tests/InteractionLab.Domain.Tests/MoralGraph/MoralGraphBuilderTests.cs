using InteractionLab.Domain.MoralGraph;
using static InteractionLab.Domain.Tests.MoralGraph.MoralGraphFixtures;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class MoralGraphBuilderTests
{
    private static readonly CanonicalValue[] TwoQuestions =
        [Value("a", "abortion"), Value("b", "abortion"), Value("c", "parenting"), Value("d", "parenting")];

    private static string[] EdgeNames(MoralGraphDocument graph) =>
        graph.Edges.Select(e => $"{e.SourceValueId}→{e.WiserValueId}").ToArray();

    [Fact]
    public void FilteringByQuestionKeepsOnlyThatQuestionsValuesAndEdges()
    {
        WiserVote[] votes = [Vote("a", "b"), Vote("c", "d")];

        var graph = MoralGraphBuilder.Build(TwoQuestions, votes, new MoralGraphFilter(QuestionId: "parenting"));

        Assert.Equal(new[] { "c", "d" }, graph.Values.Select(v => v.Id).Order());
        Assert.Equal(new[] { "c→d" }, EdgeNames(graph));
    }

    [Fact]
    public void FilteringByTimeIncludesTheStartAndExcludesTheEnd()
    {
        CanonicalValue[] values = [Value("a"), Value("b"), Value("c"), Value("d")];
        WiserVote[] votes = [Vote("a", "b", minute: 9), Vote("b", "c", minute: 10), Vote("c", "d", minute: 20)];
        var window = new MoralGraphFilter(From: Start.AddMinutes(10), To: Start.AddMinutes(20));

        var graph = MoralGraphBuilder.Build(values, votes, window);

        Assert.Equal(new[] { "b→c" }, EdgeNames(graph));
        Assert.Equal(4, graph.Values.Count);
    }

    [Fact]
    public void FilteringByBatchUsesOnlyThatBatchsVotes()
    {
        CanonicalValue[] values = [Value("a"), Value("b")];
        WiserVote[] votes = [Vote("a", "b", batch: "wave-1"), Vote("b", "a", participant: "p2", batch: "wave-2")];

        var wave2 = MoralGraphBuilder.Build(values, votes, new MoralGraphFilter(Batch: "wave-2"));

        var edge = Assert.Single(wave2.Edges);
        Assert.Equal(("b", "a"), (edge.SourceValueId, edge.WiserValueId));
        // The wave-1 vote on a→b is out of the slice, so it does not count as "less wise" against b→a.
        Assert.Equal(0, edge.Counts.LessWise);
    }

    [Fact]
    public void ValuesNobodyVotedOnStillGetARankAndZeroVotes()
    {
        CanonicalValue[] values = [Value("a"), Value("b"), Value("lonely")];

        var graph = MoralGraphBuilder.Build(values, [Vote("a", "b")]);

        var lonely = graph.Values.Single(v => v.Id == "lonely");
        Assert.True(lonely.Rank > 0);
        Assert.Equal(0, lonely.Votes);
        Assert.Equal(1, graph.Values.Sum(v => v.Rank), 1e-12);
    }

    [Fact]
    public void ListsValuesFromHighestRankDownWithTheirVoteCounts()
    {
        CanonicalValue[] values = [Value("a"), Value("b"), Value("c")];
        WiserVote[] votes = [Vote("a", "b"), Vote("b", "c"), Vote("a", "c", participant: "p2")];

        var graph = MoralGraphBuilder.Build(values, votes);

        Assert.Equal(new[] { "c", "b", "a" }, graph.Values.Select(v => v.Id));
        Assert.Equal(new int?[] { 2, 2, 2 }, graph.Values.Select(v => v.Votes));
        Assert.Equal("Value c for choosing", graph.Values[0].Title);
    }

    [Fact]
    public void IgnoresVotesBetweenValuesOfDifferentQuestionsOrUnknownValues()
    {
        WiserVote[] votes = [Vote("a", "c"), Vote("a", "zz"), Vote("a", "b")];

        var graph = MoralGraphBuilder.Build(TwoQuestions, votes);

        Assert.Equal(new[] { "a→b" }, EdgeNames(graph));
        Assert.Equal(0, graph.Values.Single(v => v.Id == "c").Votes);
    }

    [Fact]
    public void RefusesTwoValuesWithTheSameId()
    {
        Assert.Throws<ArgumentException>(() => MoralGraphBuilder.Build([Value("a"), Value("a")], []));
    }
}
