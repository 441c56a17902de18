using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks.QuestionAnswering;

namespace InteractionLab.Api.Tests.Tasks.QuestionAnswering;

/// <summary>The qa-items parser: good CSV and JSON lines become items; every problem is reported with its line.</summary>
public sealed class QaStimulusFormatTests
{
    private static readonly QaStimulusFormat Format = new();

    private static IReadOnlyList<QaItem> Items(StimulusParseResult result)
    {
        Assert.Empty(result.Problems);
        return new StimulusSetContent("k", "n", QaStimulusFormat.KindKey, result.Items!.Value, result.Count, false).ItemsAs<QaItem>();
    }

    private static StimulusProblem Single(string fileName, string content) =>
        Assert.Single(Format.Parse(fileName, content).Problems);

    [Fact]
    public void AGoodCsvWithQuotedCellsLetterAndTextAnswersAndAnAttentionCheckBecomesItems()
    {
        var items = Items(Format.Parse("q.csv", """"
            id,question,a,b,c,d,answer,attention_check
            q1,"Which is larger, 2 or 3?",2,3,"Both ""equal""",Neither,b,
            q2,Pick the colour of the sky.,Green,Blue,Red,Pink,Blue,false

            check,"Choose ""Red""
            please.",Green,Blue,Red,Pink,C,true
            """"));

        Assert.Equal(3, items.Count);
        Assert.Equal(("q1", "Which is larger, 2 or 3?", "b", false), (items[0].Id, items[0].Question, items[0].Answer, items[0].AttentionCheck));
        Assert.Equal(["2", "3", "Both \"equal\"", "Neither"], items[0].Options);
        Assert.Equal("b", items[1].Answer); // the option's text named the answer
        Assert.False(items[1].AttentionCheck);
        Assert.Equal("Choose \"Red\"\nplease.", items[2].Question);
        Assert.Equal("c", items[2].Answer);
        Assert.True(items[2].AttentionCheck);
    }

    [Fact]
    public void AGoodJsonLinesFileWithAnyNumberOfOptionsBecomesItems()
    {
        var items = Items(Format.Parse("q.jsonl", """
            {"id":"q1","question":"Closest planet to the Sun?","options":["Venus","Mercury","Mars"],"answer":"Mercury"}

            {"id":7,"question":"Yes or no?","options":["Yes","No"],"answer":"a","attentionCheck":true}
            """));

        Assert.Equal(["q1", "7"], items.Select(i => i.Id));
        Assert.Equal(["Venus", "Mercury", "Mars"], items[0].Options);
        Assert.Equal("b", items[0].Answer);
        Assert.Equal("a", items[1].Answer);
        Assert.True(items[1].AttentionCheck);
    }

    [Fact]
    public void TheDemoSetHasElevenQuestionsWithOneAttentionCheck()
    {
        var demo = Assert.Single(Format.DemoSets);
        var items = Items(Format.Parse(demo.FileName, demo.Content));

        Assert.Equal(QaStimulusFormat.DemoKey, demo.Key);
        Assert.Equal(11, items.Count);
        Assert.Single(items, i => i.AttentionCheck);
        Assert.All(items, i => Assert.Equal(4, i.Options.Count));
    }

    [Fact]
    public void AMissingAndAnUnknownHeaderColumnAreEachNamedOnLineOne()
    {
        var problems = Format.Parse("q.csv", "id,question,a,b,c,d,atention_check\nq1,Q?,1,2,3,4,\n").Problems;

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal(1, p.Line));
        Assert.Contains(problems, p => p.Message.StartsWith("The header has no 'answer' column.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.StartsWith("The header has an unknown column 'atention_check'.", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAnswerNotAmongTheOptionsIsReportedWithTheLettersThatWouldDo()
    {
        var problem = Single("q.csv", "id,question,a,b,c,d,answer\nq1,Q?,1,2,3,4,e\n");

        Assert.Equal(2, problem.Line);
        Assert.Equal("The answer 'e' is not among the options: give a letter (a, b, c, d) or the exact text of one option.", problem.Message);
    }

    [Fact]
    public void ADuplicateIdNamesTheLineWhereItWasFirstUsed()
    {
        var problem = Single("q.csv", "id,question,a,b,c,d,answer\nq1,Q?,1,2,3,4,a\n\nq1,Again?,1,2,3,4,b\n");

        Assert.Equal(4, problem.Line);
        Assert.Equal("The id 'q1' is already used on line 2.", problem.Message);
    }

    [Fact]
    public void EveryProblemOfAFileIsReportedAtOnceAndNothingIsReturned()
    {
        var result = Format.Parse("q.csv", """
            id,question,a,b,c,d,answer,attention_check
            ,Q?,1,2,3,4,a,
            q2,,1,2,3,4,a,
            q3,Q?,1,2,,4,a,
            q4,Q?,1,2,3,4,,
            q5,Q?,1,2,3,4,a,maybe
            q6,Q?,1,1,3,4,a,
            q7,Q?,1,2,3
            """);

        Assert.Null(result.Items);
        Assert.Equal(
        [
            (2, "The id is empty."),
            (3, "The question is empty."),
            (4, "Option 'c' is empty."),
            (5, "The answer is empty."),
            (6, "'attention_check' is true or false (or empty), not 'maybe'."),
            (7, "The option '1' appears more than once."),
            (8, "This row has 5 value(s) but the header has 8 columns."),
        ], result.Problems.Select(p => (p.Line ?? 0, p.Message)));
    }

    [Fact]
    public void AnUnclosedQuoteIsReportedOnTheLineItOpens()
    {
        var problem = Single("q.csv", "id,question,a,b,c,d,answer\nq1,\"Q?,1,2,3,4,a\nq2,Q,1,2,3,4,a\n");

        Assert.Equal(2, problem.Line);
        Assert.StartsWith("A quoted cell starts here but its closing quote", problem.Message);
    }

    [Fact]
    public void JsonLinesProblemsAreReportedPerLine()
    {
        var result = Format.Parse("q.jsonl", """
            {"id":"q1","question":"Q?","options":["x","y"],"answer":"y"}
            {"id":"q2","question":"Q?","options":["x"],"answer":"x"}
            not json
            ["an","array"]
            {"id":"q1","question":"Q?","options":["x","y"],"answer":"z"}
            {"question":"Q?","options":["x","y"],"answer":"x","attentionCheck":"yes"}
            """);

        Assert.Equal(
        [
            (2, "A question needs between 2 and 26 options; this one has 1."),
            (4, "Each line must be one JSON object like {\"id\":…,\"question\":…,\"options\":[…],\"answer\":…}."),
            (5, "The id 'q1' is already used on line 1."),
            (5, "The answer 'z' is not among the options: give a letter (a, b) or the exact text of one option."),
            (6, "\"id\" is missing."),
            (6, "\"attentionCheck\" is true or false."),
        ], result.Problems.Where(p => p.Line != 3).Select(p => (p.Line ?? 0, p.Message)));
        Assert.StartsWith("This line is not valid JSON", Assert.Single(result.Problems, p => p.Line == 3).Message);
    }

    [Fact]
    public void AFileWithOnlyAHeaderHoldsNoQuestions()
    {
        var problem = Single("q.csv", "id,question,a,b,c,d,answer\n");

        Assert.Null(problem.Line);
        Assert.Equal("The file holds no questions.", problem.Message);
    }
}
