using InteractionLab.Api.Tasks.QuestionAnswering;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tests.Tasks.QuestionAnswering;

/// <summary>Which questions have the assistant: a block first or last, attention checks never, counterbalanced by participant.</summary>
public sealed class QaPlanTests
{
    // Six questions; the attention check is the third.
    private static readonly QaItem[] Items = [.. new[] { "q1", "q2", "check", "q3", "q4", "q5" }
        .Select(id => new QaItem(id, id + "?", ["x", "y"], "a", AttentionCheck: id == "check"))];

    private static readonly int[] InOrder = [0, 1, 2, 3, 4, 5];

    private static string[] Assisted(IReadOnlyList<QaPlanItem> plan) => [.. plan.Where(p => p.Assisted).Select(p => p.Item.Id)];

    [Fact]
    public void AssistedFirstGivesTheAssistantToTheFirstQuestionsSkippingTheAttentionCheck()
    {
        var plan = QaPlan.Build(Items, InOrder, 3, assistedFirst: true);

        Assert.Equal(["q1", "q2", "q3"], Assisted(plan));
        Assert.Equal([0, 1, 2, 3, 4, 5], plan.Select(p => p.Position));
    }

    [Fact]
    public void AssistedLastGivesTheAssistantToTheLastQuestions()
    {
        Assert.Equal(["q3", "q4", "q5"], Assisted(QaPlan.Build(Items, InOrder, 3, assistedFirst: false)));
    }

    [Fact]
    public void TheBlockFollowsTheParticipantsItemOrderNotTheFileOrder()
    {
        var plan = QaPlan.Build(Items, [5, 4, 3, 2, 1, 0], 2, assistedFirst: true);

        Assert.Equal(["q5", "q4", "q3", "check", "q2", "q1"], plan.Select(p => p.Item.Id));
        Assert.Equal(["q5", "q4"], Assisted(plan));
    }

    [Fact]
    public void AnAssistedCountBeyondTheQuestionsGivesTheAssistantToAllButTheAttentionCheckAndZeroToNone()
    {
        Assert.Equal(["q1", "q2", "q3", "q4", "q5"], Assisted(QaPlan.Build(Items, InOrder, 50, assistedFirst: false)));
        Assert.Empty(Assisted(QaPlan.Build(Items, InOrder, 0, assistedFirst: true)));
    }

    [Theory]
    [InlineData("counterbalanced", 0, true)]
    [InlineData("counterbalanced", 1, false)]
    [InlineData("counterbalanced", 2, true)]
    [InlineData("counterbalanced", 7, false)]
    [InlineData("assisted-first", 1, true)]
    [InlineData("assisted-last", 0, false)]
    [InlineData(" Assisted-Last ", 2, false)]
    [InlineData("something else", 3, false)]
    public void CounterbalancingAlternatesByParticipantOrdinalUnlessTheStageFixesTheOrder(string order, int ordinal, bool first)
    {
        Assert.Equal(first, QaPlan.IsAssistedFirst(order, ordinal));
    }

    [Fact]
    public void ThePromptTemplateFillsInTheQueryAndTheQuestionAndDefaultsToTheQueryUnchanged()
    {
        var item = Items[0];
        var custom = new TaskConfig("question-answering", Settings: new Dictionary<string, string> { ["prompt"] = "Q: {question}\nAsk: {query}\nA:" });

        Assert.Equal("what is x?", QaPlan.Prompt(new TaskConfig("question-answering"), item, "what is x?"));
        Assert.Equal("Q: q1?\nAsk: what is x?\nA:", QaPlan.Prompt(custom, item, "what is x?"));
    }
}
