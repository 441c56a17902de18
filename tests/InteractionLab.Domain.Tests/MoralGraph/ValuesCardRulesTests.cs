using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class ValuesCardRulesTests
{
    private static readonly ValuesCard Good = MoralGraphFixtures.GoodCard();

    private static ValuesCard WithPolicy(string policy) =>
        Good with { AttentionalPolicies = [policy, .. Good.AttentionalPolicies.Skip(1)] };

    [Fact]
    public void AWellWrittenCardHasNoProblems()
    {
        Assert.Empty(ValuesCardRules.Check(Good));
    }

    [Theory]
    [InlineData("Space")]
    [InlineData("Giving friends room to find their own way")]
    public void FlagsATitleOutsideThreeToSixWords(string title)
    {
        var problem = Assert.Single(ValuesCardRules.Check(Good with { Title = title }));
        Assert.Equal("title", problem.Field);
        Assert.Contains("3 to 6 words", problem.Message);
    }

    [Fact]
    public void FlagsAMissingTitle()
    {
        var problem = Assert.Single(ValuesCardRules.Check(Good with { Title = "  " }));
        Assert.Equal("title", problem.Field);
    }

    [Fact]
    public void FlagsADescriptionOfMoreThanThreeSentences()
    {
        var card = Good with { Description = "One thing. Another thing. A third. And a fourth!" };
        var problem = Assert.Single(ValuesCardRules.Check(card));
        Assert.Equal("description", problem.Field);
        Assert.Contains("it has 4", problem.Message);
    }

    [Fact]
    public void CountsAnAbbreviationFollowedByLowercaseAsOneSentence()
    {
        var card = Good with { Description = "Small signs, e.g. a sigh, matter. They say what words hide. So I look." };
        Assert.Empty(ValuesCardRules.Check(card));
    }

    [Fact]
    public void FlagsAnEmptyDescription()
    {
        var problem = Assert.Single(ValuesCardRules.Check(Good with { Description = "" }));
        Assert.Equal("description", problem.Field);
    }

    [Fact]
    public void FlagsFewerThanThreePolicies()
    {
        var card = Good with { AttentionalPolicies = Good.AttentionalPolicies.Take(2).ToArray() };
        var problem = Assert.Single(ValuesCardRules.Check(card));
        Assert.Equal("attentionalPolicies", problem.Field);
        Assert.Contains("this one has 2", problem.Message);
    }

    [Fact]
    public void FlagsMoreThanSevenPolicies()
    {
        var policies = Enumerable.Range(1, 8).Select(i => $"MOMENTS number {i} when a friend needs space").ToArray();
        var problem = Assert.Single(ValuesCardRules.Check(Good with { AttentionalPolicies = policies }));
        Assert.Equal("attentionalPolicies", problem.Field);
        Assert.Contains("this one has 8", problem.Message);
    }

    [Theory]
    [InlineData("Should always listen before speaking")]
    [InlineData("Never push my own opinion")]
    [InlineData("To be a good friend")]
    [InlineData("Being there for people")]
    [InlineData("must respect their choice")]
    public void FlagsRuleOrGoalPhrasingAndNamesTheWord(string policy)
    {
        var problem = Assert.Single(ValuesCardRules.Check(WithPolicy(policy)));
        Assert.Equal("attentionalPolicies[0]", problem.Field);
        Assert.Contains($"starts with \"{policy.Split(' ')[0]}\"", problem.Message);
        Assert.Contains("rule or goal", problem.Message);
    }

    [Theory]
    [InlineData("Honesty")]
    [InlineData("Kindness.")]
    [InlineData("honest, kind")]
    public void FlagsAPolicyThatIsJustAVirtue(string policy)
    {
        var problem = Assert.Single(ValuesCardRules.Check(WithPolicy(policy)));
        Assert.Equal("attentionalPolicies[0]", problem.Field);
        Assert.Contains("names a virtue", problem.Message);
    }

    [Fact]
    public void AsksForCapitalsWhenThePluralNounIsLowercase()
    {
        var problem = Assert.Single(ValuesCardRules.Check(WithPolicy("moments when a friend needs space")));
        Assert.Contains("\"MOMENTS\"", problem.Message);
    }

    [Theory]
    [InlineData("Listening closely when a friend talks")]
    [InlineData("I notice when a friend goes quiet")]
    public void AsksForAPluralNounWhenThePolicyStartsWithSomethingElse(string policy)
    {
        var problem = Assert.Single(ValuesCardRules.Check(WithPolicy(policy)));
        Assert.Contains("plural noun in capitals", problem.Message);
    }

    [Fact]
    public void FlagsASingularCapitalisedNoun()
    {
        var problem = Assert.Single(ValuesCardRules.Check(WithPolicy("MOMENT when a friend needs space")));
        Assert.Contains("\"MOMENT\" should be a plural noun", problem.Message);
    }

    [Fact]
    public void AcceptsIrregularPluralsSuchAsPeople()
    {
        Assert.Empty(ValuesCardRules.Check(WithPolicy("PEOPLE who are quietly left out of the decision")));
    }

    [Fact]
    public void FlagsANounWithoutAQualifier()
    {
        var problem = Assert.Single(ValuesCardRules.Check(WithPolicy("OPPORTUNITIES")));
        Assert.Contains("say which OPPORTUNITIES", problem.Message);
    }

    [Fact]
    public void FlagsAPolicyLongerThanTwentyFiveWords()
    {
        var policy = "MOMENTS " + string.Join(' ', Enumerable.Repeat("when", 25));
        var problem = Assert.Single(ValuesCardRules.Check(WithPolicy(policy)));
        Assert.Equal("attentionalPolicies[0]", problem.Field);
        Assert.Contains("has 26 words", problem.Message);
    }

    [Fact]
    public void FlagsAnEmptyPolicyByItsPosition()
    {
        var card = Good with { AttentionalPolicies = [.. Good.AttentionalPolicies, " "] };
        var problem = Assert.Single(ValuesCardRules.Check(card));
        Assert.Equal("attentionalPolicies[3]", problem.Field);
        Assert.StartsWith("Policy 4 is empty", problem.Message);
    }
}
