using InteractionLab.Domain.MoralGraph;
using static InteractionLab.Domain.Tests.MoralGraph.MoralGraphFixtures;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class MoralGraphBuilderTests
{
    private static readonly CanonicalValue[] TwoQuestions =
        [Value("a", "abortion"), Value("b", "abortion"), Value("c", "parenting"), Value("d", "parenting")];

    private static readonly MoralGraphOptions AllValues = new() { Values = ValueListing.All };

    private static string[] EdgeNames(MoralGraphDocument graph) =>
        graph.Edges.Select(e => $"{e.SourceValueId}→{e.WiserValueId}").ToArray();

    // Two wiser votes: the fewest the published thresholds keep.
    private static IEnumerable<WiserVote> Agreed(string from, string to, int minute = 0, string? batch = null, string? context = null) =>
        [Vote(from, to, participant: $"{from}{to}1", minute: minute, batch: batch, context: context),
         Vote(from, to, participant: $"{from}{to}2", minute: minute, batch: batch, context: context)];

    [Fact]
    public void FilteringByQuestionKeepsOnlyThatQuestionsVotesAndTheirValues()
    {
        WiserVote[] votes = [.. Agreed("a", "b"), .. Agreed("c", "d")];

        var graph = MoralGraphBuilder.Build(TwoQuestions, votes, new MoralGraphFilter(QuestionId: "parenting"));

        Assert.Equal(new[] { "c", "d" }, graph.Values.Select(v => v.Id).Order());
        Assert.Equal(new[] { "c→d" }, EdgeNames(graph));
    }

    [Fact]
    public void AVotesOwnQuestionDecidesWhichQuestionItCountsFor()
    {
        // Votes imported from the original platform carry the question of their story's context.
        WiserVote[] votes = [.. Agreed("a", "b").Select(v => v with { QuestionId = "parenting" })];

        Assert.Equal(new[] { "a→b" }, EdgeNames(MoralGraphBuilder.Build(TwoQuestions, votes, new MoralGraphFilter(QuestionId: "parenting"))));
        Assert.Empty(MoralGraphBuilder.Build(TwoQuestions, votes, new MoralGraphFilter(QuestionId: "abortion")).Edges);
    }

    [Fact]
    public void FilteringByContextUsesOnlyThatContextsVotes()
    {
        WiserVote[] votes = [.. Agreed("a", "b", context: "When in distress"), .. Agreed("b", "a", context: " When grieving ")];

        var grieving = MoralGraphBuilder.Build(TwoQuestions, votes, new MoralGraphFilter(Context: "When grieving"));

        var edge = Assert.Single(grieving.Edges);
        Assert.Equal(("b", "a", 0, 2), (edge.SourceValueId, edge.WiserValueId, edge.Counts.LessWise, edge.Counts.Impressions));
    }

    [Fact]
    public void FilteringByTimeIncludesTheStartAndExcludesTheEnd()
    {
        WiserVote[] votes = [.. Agreed("a", "b", minute: 9), .. Agreed("c", "d", minute: 10), .. Agreed("b", "a", minute: 20)];
        var window = new MoralGraphFilter(From: Start.AddMinutes(10), To: Start.AddMinutes(20));

        var graph = MoralGraphBuilder.Build(TwoQuestions, votes, window, AllValues);

        Assert.Equal(new[] { "c→d" }, EdgeNames(graph));
        Assert.Equal(4, graph.Values.Count);
    }

    [Fact]
    public void FilteringByBatchUsesOnlyThatBatchsVotes()
    {
        WiserVote[] votes = [.. Agreed("a", "b", batch: "wave-1"), .. Agreed("b", "a", batch: "wave-2")];

        var wave2 = MoralGraphBuilder.Build(TwoQuestions, votes, new MoralGraphFilter(Batch: "wave-2"));

        var edge = Assert.Single(wave2.Edges);
        Assert.Equal(("b", "a"), (edge.SourceValueId, edge.WiserValueId));
        // The wave-1 votes on a→b are out of the slice, so they count neither as "less wise" nor as impressions of b→a.
        Assert.Equal((0, 2), (edge.Counts.LessWise, edge.Counts.Impressions));
    }

    [Fact]
    public void ByDefaultOnlyValuesOnAKeptEdgeAreListedAsPublished()
    {
        // Before: every value was listed. The published graph lists only the values its kept edges reference.
        CanonicalValue[] values = [Value("a"), Value("b"), Value("lonely"), Value("weak")];
        WiserVote[] votes = [.. Agreed("a", "b"), Vote("weak", "a")];

        var graph = MoralGraphBuilder.Build(values, votes);

        Assert.Equal(new[] { "b", "a" }, graph.Values.Select(v => v.Id));
    }

    [Fact]
    public void AllValuesListsEveryValueOfTheQuestionWithItsVoteCount()
    {
        CanonicalValue[] values = [Value("a"), Value("b"), Value("lonely"), Value("other", "q2")];

        var graph = MoralGraphBuilder.Build(values, [.. Agreed("a", "b")], new MoralGraphFilter(QuestionId: "q1"), AllValues);

        Assert.Equal(new[] { "b", "a", "lonely" }, graph.Values.Select(v => v.Id));
        Assert.Equal(new int?[] { 2, 2, 0 }, graph.Values.Select(v => v.Votes));
        Assert.Equal(0, graph.Values[^1].Rank);
    }

    [Fact]
    public void UnderOurRankingValuesNobodyVotedOnStillGetARankAndRanksSumToOne()
    {
        CanonicalValue[] values = [Value("a"), Value("b"), Value("lonely")];

        var graph = MoralGraphBuilder.Build(values, [.. Agreed("a", "b")], options: AllValues with { Ranking = GraphRanking.Wiser });

        Assert.True(graph.Values.Single(v => v.Id == "lonely").Rank > 0);
        Assert.Equal(1, graph.Values.Sum(v => v.Rank), 1e-12);
    }

    [Fact]
    public void ExactTiesAreOrderedByIdNumbersNumerically()
    {
        // 9→100 and 10→100: 9 and 10 tie exactly (nothing points to them); numerically 9 comes before 10, ordinally it would not.
        CanonicalValue[] values = [Value("10"), Value("100"), Value("9")];

        var graph = MoralGraphBuilder.Build(values, [.. Agreed("9", "100"), .. Agreed("10", "100")]);

        Assert.Equal(new[] { "100", "9", "10" }, graph.Values.Select(v => v.Id));
    }

    [Fact]
    public void IgnoresVotesBetweenValuesOfDifferentQuestionsOrUnknownValues()
    {
        WiserVote[] votes = [.. Agreed("a", "c"), .. Agreed("a", "zz"), .. Agreed("a", "b")];

        var graph = MoralGraphBuilder.Build(TwoQuestions, votes, options: AllValues);

        Assert.Equal(new[] { "a→b" }, EdgeNames(graph));
        Assert.Equal(0, graph.Values.Single(v => v.Id == "c").Votes);
    }

    [Fact]
    public void RefusesTwoValuesWithTheSameId()
    {
        Assert.Throws<ArgumentException>(() => MoralGraphBuilder.Build([Value("a"), Value("a")], []));
    }
}
