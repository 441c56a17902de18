using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class HypothesisExposureTests
{
    private static readonly EdgeHypothesis[] Hypotheses =
        new[] { "h1", "h2", "h3", "h4" }.Select(id => new EdgeHypothesis(id, "a", "b", "When in distress", $"Story {id}")).ToArray();

    private static Dictionary<string, int> Impressions(params (string Id, int Count)[] counts) =>
        counts.ToDictionary(c => c.Id, c => c.Count);

    [Fact]
    public void ShowsTheHypothesisWithTheFewestImpressions()
    {
        var next = HypothesisExposure.ChooseNext(Hypotheses, new HashSet<string>(),
            Impressions(("h1", 5), ("h2", 2), ("h3", 4), ("h4", 3)), new Random(1));

        Assert.Equal("h2", next?.Id);
    }

    [Fact]
    public void NeverShowsAHypothesisTheParticipantAlreadySaw()
    {
        var next = HypothesisExposure.ChooseNext(Hypotheses, new HashSet<string> { "h2" },
            Impressions(("h1", 5), ("h2", 0), ("h3", 4), ("h4", 3)), new Random(1));

        Assert.Equal("h4", next?.Id);
    }

    [Fact]
    public void CountsAHypothesisWithoutImpressionsAsNeverShown()
    {
        var next = HypothesisExposure.ChooseNext(Hypotheses, new HashSet<string>(),
            Impressions(("h1", 1), ("h2", 1), ("h4", 1)), new Random(1));

        Assert.Equal("h3", next?.Id);
    }

    [Fact]
    public void ReturnsNothingWhenTheParticipantHasSeenEveryHypothesis()
    {
        var next = HypothesisExposure.ChooseNext(Hypotheses, Hypotheses.Select(h => h.Id).ToHashSet(),
            Impressions(), new Random(1));

        Assert.Null(next);
    }

    [Fact]
    public void BreaksTiesWithTheGivenRandomSoEveryTiedHypothesisGetsChosen()
    {
        var rng = new Random(42);
        var chosen = Enumerable.Range(0, 200)
            .Select(_ => HypothesisExposure.ChooseNext(Hypotheses, new HashSet<string> { "h1" }, Impressions(("h4", 1)), rng)!.Id)
            .ToList();

        Assert.Equal(new[] { "h2", "h3" }, chosen.Distinct().Order());
    }

    [Fact]
    public void TheSameSeedGivesTheSameChoice()
    {
        string? Pick() => HypothesisExposure.ChooseNext(Hypotheses, new HashSet<string>(), Impressions(), new Random(7))?.Id;

        Assert.Equal(Pick(), Pick());
    }

    [Fact]
    public void SuccessiveParticipantsSpreadImpressionsEvenly()
    {
        var impressions = new Dictionary<string, int>();
        var rng = new Random(5);
        for (var participant = 0; participant < 10; participant++)
        {
            var seen = new HashSet<string>();
            for (var shown = 0; shown < 2; shown++)
            {
                var h = HypothesisExposure.ChooseNext(Hypotheses, seen, impressions, rng)!;
                seen.Add(h.Id);
                impressions[h.Id] = impressions.GetValueOrDefault(h.Id) + 1;
            }
        }

        Assert.All(Hypotheses, h => Assert.Equal(5, impressions[h.Id]));
    }
}
