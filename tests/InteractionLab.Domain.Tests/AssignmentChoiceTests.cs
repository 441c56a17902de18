using InteractionLab.Domain.Assignment;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Tests;

public class AssignmentChoiceTests
{
    private static readonly AssignmentConfig Weighted = new(Mode: AssignmentMode.Weighted);

    private static AssignmentChoice Choose(AssignmentConfig mode, IReadOnlyList<ConditionConfig> conditions,
        Dictionary<string, int> load, string? requested = null, int seed = 1) =>
        ConditionChooser.Choose(mode, conditions, load, requested, new Random(seed));

    [Fact]
    public void WeightedSplitsArrivalsInProportionToTheWeights()
    {
        ConditionConfig[] conditions = [TestStudies.Condition("a", weight: 3), TestStudies.Condition("b", weight: 1)];
        var load = new Dictionary<string, int>();

        for (var i = 0; i < 40; i++)
        {
            var chosen = Choose(Weighted, conditions, load, seed: i).Condition!;
            load[chosen.Key] = load.GetValueOrDefault(chosen.Key) + 1;
            // Never more than one arrival away from the exact 3:1 share.
            Assert.InRange(load.GetValueOrDefault("a") - 0.75 * (i + 1), -1, 1);
        }

        Assert.Equal(30, load["a"]);
        Assert.Equal(10, load["b"]);
    }

    [Fact]
    public void WeightedPicksTheConditionFurthestBelowItsShare()
    {
        ConditionConfig[] conditions = [TestStudies.Condition("a", weight: 2), TestStudies.Condition("b", weight: 1)];

        Assert.Equal("b", Choose(Weighted, conditions, new() { ["a"] = 3, ["b"] = 1 }).Condition!.Key);
        Assert.Equal("a", Choose(Weighted, conditions, new() { ["a"] = 2, ["b"] = 2 }).Condition!.Key);
    }

    [Fact]
    public void TiesAreBrokenAtRandomSoBothConditionsGetPicked()
    {
        ConditionConfig[] conditions = [TestStudies.Condition("a"), TestStudies.Condition("b")];

        var picks = Enumerable.Range(0, 50).Select(seed => Choose(new AssignmentConfig(), conditions, [], seed: seed).Condition!.Key).ToHashSet();

        Assert.Equal(["a", "b"], picks.Order());
    }

    [Fact]
    public void BalancedIgnoresWeightsAndSkipsAFullCondition()
    {
        ConditionConfig[] conditions = [TestStudies.Condition("a", weight: 5) with { Quota = 2 }, TestStudies.Condition("b")];

        Assert.Equal("a", Choose(new AssignmentConfig(), conditions, new() { ["a"] = 1, ["b"] = 2 }).Condition!.Key);
        Assert.Equal("b", Choose(new AssignmentConfig(), conditions, new() { ["a"] = 2, ["b"] = 7 }).Condition!.Key);
    }

    [Fact]
    public void WhenEveryConditionIsFullTheStudyIsFull()
    {
        ConditionConfig[] conditions = [TestStudies.Condition("a") with { Quota = 1 }, TestStudies.Condition("b") with { Quota = 2 }];

        var choice = Choose(Weighted, conditions, new() { ["a"] = 1, ["b"] = 2 });

        Assert.Null(choice.Condition);
        Assert.Equal(AssignmentRefusal.StudyFull, choice.Refusal);
    }

    [Theory]
    [InlineData("b", "b", AssignmentRefusal.None)]
    [InlineData(null, null, AssignmentRefusal.MissingCondition)]
    [InlineData("", null, AssignmentRefusal.MissingCondition)]
    [InlineData("zzz", null, AssignmentRefusal.UnknownCondition)]
    [InlineData("a", null, AssignmentRefusal.StudyFull)]
    public void UrlParameterModeTakesTheLinksConditionOrSaysWhyNot(string? requested, string? expected, AssignmentRefusal refusal)
    {
        ConditionConfig[] conditions = [TestStudies.Condition("a") with { Quota = 1 }, TestStudies.Condition("b")];

        var choice = Choose(new AssignmentConfig(Mode: AssignmentMode.UrlParameter), conditions, new() { ["a"] = 1, ["b"] = 9 }, requested);

        Assert.Equal(expected, choice.Condition?.Key);
        Assert.Equal(refusal, choice.Refusal);
    }
}
