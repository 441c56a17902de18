using InteractionLab.Api.MoralGraph.Interview;
using InteractionLab.Domain.MoralGraph;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using InteractionLab.Testing.LanguageModel;

namespace InteractionLab.Api.Tests.MoralGraph.Interview;

/// <summary>Reading drafted cards, feedback for redrafts, the fallback decision and the task type's settings.</summary>
public sealed class CardDraftsTests
{
    [Fact]
    public void AFencedDraftIsReadAndItsRuleProblemsBecomeFeedbackForTheRedraft()
    {
        var (card, problem) = CardDrafts.Parse(InterviewerScript.FirstDraft);

        Assert.Null(problem);
        Assert.Equal("Space to grieve at their pace", card!.Title);
        Assert.Equal(3, card.AttentionalPolicies.Count);
        var problems = ValuesCardRules.Check(card);
        var feedback = CardDrafts.Feedback(card, problems);
        Assert.Contains("attentionalPolicies[2]", feedback);
        Assert.Contains("names a virtue", feedback);
        Assert.Contains("\"title\":\"Space to grieve at their pace\"", feedback);
        Assert.Empty(ValuesCardRules.Check(CardDrafts.Parse(InterviewerScript.GoodCard).Card!));
        Assert.Equal("", CardDrafts.Feedback(card, []));
    }

    [Theory]
    [InlineData("""Here it is: {"title":"A b c","description":"D.","attentional_policies":["MOMENTS x"]}""", 1)]
    [InlineData("""{"title":"A b c","policies":["MOMENTS x","CHOICES y",""],}""", 2)]
    public void SnakeCaseShortNamesAndTrailingCommasAreAccepted(string answer, int policies)
    {
        var (card, problem) = CardDrafts.Parse(answer);
        Assert.Null(problem);
        Assert.Equal("A b c", card!.Title);
        Assert.Equal(policies, card.AttentionalPolicies.Count);
    }

    [Theory]
    [InlineData("", "did not answer with a JSON object")]
    [InlineData("sdf qwe { not json }", "could not be read")]
    [InlineData("""{"mood":"fine"}""", "no title, description or attentional policies")]
    public void AnAnswerWithoutACardSaysWhy(string answer, string expected)
    {
        var (card, problem) = CardDrafts.Parse(answer);
        Assert.Null(card);
        Assert.Contains(expected, problem);
    }

    [Theory]
    [InlineData("""{"action":"show_card"}""", true)]
    [InlineData("""Sure! {"action": "SHOW_CARD"}""", true)]
    [InlineData("""{"action":"none"}""", false)]
    [InlineData("show_card", false)]
    [InlineData("""{"action":1}""", false)]
    [InlineData(null, false)]
    public void TheFallbackDecisionShowsACardOnlyWhenItSaysSo(string? raw, bool show) =>
        Assert.Equal(show, CardDecision.Shows(raw));

    [Fact]
    public void QuestionsModelAndFallbackComeFromTheStageSettings()
    {
        var task = new TaskConfig(MoralInterviewTask.TaskKey, Settings: new Dictionary<string, string>
        {
            ["questions"] = "grief | How do I support a grieving friend?\nWhat should I cook tonight?",
            ["interviewer-model"] = "openrouter/meta/llama-3",
            ["tool-calls"] = "no",
        });
        var condition = InterviewStudy.Config(new ModelRef("local", "demo-chat")).Conditions[0];

        Assert.Equal([new InterviewQuestion("grief", "How do I support a grieving friend?"), new InterviewQuestion("q2", "What should I cook tonight?")],
            MoralInterviewTask.Questions(task));
        var model = InterviewService.InterviewerModel(task, condition);
        Assert.Equal(new ModelRef("openrouter", "meta/llama-3"), model);
        Assert.True(InterviewService.UsesFallback(task, model));
        Assert.False(InterviewService.UsesFallback(new TaskConfig(MoralInterviewTask.TaskKey), model));
        Assert.True(InterviewService.UsesFallback(new TaskConfig(MoralInterviewTask.TaskKey), condition.Model));
        Assert.Equal(2, MoralInterviewTask.Questions(new TaskConfig(MoralInterviewTask.TaskKey)).Count);
        Assert.Equal(64, InterviewPrompts.Drafter.Sha256.Length);
        Assert.Contains("ONE question at a time", InterviewPrompts.Interviewer.Text);
    }
}
