using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class MoralGraphImporterTests
{
    private const string ValidFile = """
        {
          "values": [
            { "id": "17", "questionId": "abortion", "title": "Space to find their way",
              "description": "Giving room to think.", "policies": ["MOMENTS when a friend needs space"] },
            { "id": "23", "questionId": "abortion", "title": "Honest informed choices" }
          ],
          "votes": [
            { "participantKey": "p1", "fromValueId": "17", "toValueId": "23", "choice": "wiser",
              "context": "When in distress", "reason": "More grounded", "castAt": "2024-05-01T12:00:00Z", "batch": "wave-1" },
            { "participantKey": "p2", "fromValueId": "23", "toValueId": "17", "choice": "not sure", "castAt": "2024-05-01T14:00:00+02:00" }
          ]
        }
        """;

    private static MoralGraphImportResult ImportVotes(string votesJson) => MoralGraphImporter.Import($$"""
        {
          "values": [
            { "id": "a", "questionId": "q1", "title": "First value title" },
            { "id": "b", "questionId": "q1", "title": "Second value title" },
            { "id": "c", "questionId": "q2", "title": "Other question value" }
          ],
          "votes": [ {{votesJson}} ]
        }
        """);

    [Fact]
    public void AValidFileGivesValuesAndVotesReadyToBuildAGraph()
    {
        var result = MoralGraphImporter.Import(ValidFile);

        Assert.True(result.IsValid);
        Assert.Equal(new[] { "17", "23" }, result.Values.Select(v => v.Id));
        Assert.Equal("abortion", result.Values[0].QuestionId);
        Assert.Equal(new[] { "MOMENTS when a friend needs space" }, result.Values[0].Card.AttentionalPolicies);
        Assert.Empty(result.Values[1].Card.AttentionalPolicies);
        var first = result.Votes[0];
        Assert.Equal(new WiserVote("p1", "17", "23", VoteChoice.Wiser, "When in distress", "More grounded",
            new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), "wave-1"), first);
        Assert.Equal(VoteChoice.Unsure, result.Votes[1].Choice);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), result.Votes[1].CastAt);
        Assert.Single(MoralGraphBuilder.Build(result.Values, result.Votes, options: new MoralGraphOptions { Thresholds = new GraphThresholds(MinWiserVotes: 1) }).Edges);
    }

    [Theory]
    [InlineData("wiser", VoteChoice.Wiser)]
    [InlineData("Yes", VoteChoice.Wiser)]
    [InlineData("not_wiser", VoteChoice.NotWiser)]
    [InlineData("NotWiser", VoteChoice.NotWiser)]
    [InlineData("no", VoteChoice.NotWiser)]
    [InlineData("Not sure", VoteChoice.Unsure)]
    [InlineData("unsure", VoteChoice.Unsure)]
    public void ReadsTheChoiceSpellingsOfOtherPlatforms(string text, VoteChoice expected)
    {
        Assert.Equal(expected, MoralGraphImporter.ParseChoice(text));
    }

    [Theory]
    [InlineData("""{ "participantKey": "p", "fromValueId": "a", "toValueId": "zz", "choice": "wiser", "castAt": "2024-05-01T12:00:00Z" }""",
        "'toValueId' 'zz' is not the id of any value in the file or the study.")]
    [InlineData("""{ "participantKey": "p", "fromValueId": "a", "toValueId": "b", "choice": "maybe", "castAt": "2024-05-01T12:00:00Z" }""",
        "Choice 'maybe' is not one of wiser, notWiser, unsure.")]
    [InlineData("""{ "participantKey": "p", "fromValueId": "a", "toValueId": "a", "choice": "wiser", "castAt": "2024-05-01T12:00:00Z" }""",
        "'fromValueId' and 'toValueId' are both 'a'; a vote compares two different values.")]
    [InlineData("""{ "participantKey": "p", "fromValueId": "a", "toValueId": "c", "choice": "wiser", "castAt": "2024-05-01T12:00:00Z" }""",
        "Values 'a' (question 'q1') and 'c' (question 'q2') belong to different questions; votes compare values of one question.")]
    [InlineData("""{ "participantKey": "p", "fromValueId": "a", "toValueId": "b", "choice": "wiser", "castAt": "2024-05-01T12:00:00" }""",
        "'castAt' '2024-05-01T12:00:00' has no UTC offset; add one, e.g. \"Z\" or \"+02:00\".")]
    [InlineData("""{ "participantKey": "p", "fromValueId": "a", "toValueId": "b", "choice": "wiser", "castAt": "last Tuesday" }""",
        "'castAt' 'last Tuesday' is not an ISO 8601 date and time, e.g. \"2024-05-01T12:00:00Z\".")]
    [InlineData("""{ "fromValueId": "a", "toValueId": "b", "choice": "wiser", "castAt": "2024-05-01T12:00:00Z" }""",
        "The vote has no 'participantKey'; give each voter a pseudonymous key so distinct voters can be counted.")]
    public void ReportsEachBadVoteWithAMessageNamingTheProblem(string vote, string message)
    {
        var result = ImportVotes(vote);

        Assert.False(result.IsValid);
        Assert.Equal(new ImportProblem("votes[0]", message), Assert.Single(result.Problems));
        Assert.Empty(result.Votes);
        Assert.Equal(3, result.Values.Count);
    }

    [Fact]
    public void ReportsEveryProblemInTheFileNotJustTheFirst()
    {
        var result = MoralGraphImporter.Import("""
            {
              "values": [
                { "id": "a", "questionId": "q1", "title": "First value title" },
                { "id": "a", "questionId": "q1", "title": "Duplicate id here" },
                { "id": "b", "title": "No question given" }
              ],
              "votes": [
                { "participantKey": "p", "fromValueId": "a", "toValueId": "b", "choice": "wiser", "castAt": "2024-05-01T12:00:00Z" },
                { "participantKey": "p", "fromValueId": "a", "toValueId": "x", "choice": "??", "castAt": "2024-05-01T12:00:00Z" }
              ]
            }
            """);

        Assert.Equal(
            new[]
            {
                new ImportProblem("values[1]", "Value id 'a' is used by an earlier value; ids must be unique."),
                new ImportProblem("values[2]", "Value 'b' has no 'questionId'; say which question it was elicited for."),
                new ImportProblem("votes[0]", "'toValueId' 'b' refers to a value that has problems of its own (see values)."),
                new ImportProblem("votes[1]", "'toValueId' 'x' is not the id of any value in the file or the study."),
                new ImportProblem("votes[1]", "Choice '??' is not one of wiser, notWiser, unsure."),
            },
            result.Problems);
    }

    [Fact]
    public void MalformedJsonIsOneProblemAboutTheWholeFile()
    {
        var result = MoralGraphImporter.Import("""{ "values": [ { "id": "a", """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("$", problem.Item);
        Assert.StartsWith("The file is not a valid import file:", problem.Message);
    }

    [Fact]
    public void AFileWithNeitherValuesNorVotesIsRejected()
    {
        var problem = Assert.Single(MoralGraphImporter.Import("""{ "votes": [] }""").Problems);

        Assert.Equal(new ImportProblem("$", "The file has neither 'values' nor 'votes'; list the values cards, the votes, or both."), problem);
    }

    private static readonly Dictionary<string, CanonicalValue> Study = new()
    {
        ["a"] = new("a", "q1", new ValuesCard("First value title", "", [])),
        ["b"] = new("b", "q1", new ValuesCard("Second value title", "", [])),
    };

    [Fact]
    public void VotesMayNameValuesTheStudyAlreadyHasWithoutRepeatingThem()
    {
        // Before: the importer knew only the file's values, so a votes-only file for a study's values was refused.
        var result = MoralGraphImporter.Import("""
            { "votes": [ { "participantKey": "p9", "fromValueId": "a", "toValueId": "b", "choice": "wiser", "castAt": "2024-06-01T12:00:00Z" } ] }
            """, Study);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Empty(result.Values);
        Assert.Equal(("a", "b"), (result.Votes.Single().FromValueId, result.Votes.Single().ToValueId));
    }

    [Fact]
    public void AValueRepeatedUnchangedIsReusedAndAChangedOneIsReportedWithItsVotes()
    {
        var result = MoralGraphImporter.Import("""
            {
              "values": [ { "id": "a", "questionId": "q1", "title": "First value title" }, { "id": "b", "questionId": "q1", "title": "Renamed value" },
                          { "id": "n", "questionId": "q1", "title": "A new value here" } ],
              "votes": [ { "participantKey": "p1", "fromValueId": "a", "toValueId": "n", "choice": "wiser", "castAt": "2024-06-01T12:00:00Z" },
                         { "participantKey": "p2", "fromValueId": "a", "toValueId": "b", "choice": "wiser", "castAt": "2024-06-01T12:00:00Z" } ]
            }
            """, Study);

        Assert.Equal(["a"], result.ReusedValueIds);
        Assert.Equal(["n"], result.Values.Select(v => v.Id));
        Assert.Equal(
            [
                new ImportProblem("values[1]", "The study already has a value 'b' with a different title ('Renamed value' here, 'Second value title' in the study); it was not changed. Give this value a new id, or repeat the study's card exactly to add votes to it."),
                new ImportProblem("votes[1]", "'toValueId' 'b' refers to a value that has problems of its own (see values)."),
            ],
            result.Problems);
        Assert.Equal(("a", "n"), (result.Votes.Single().FromValueId, result.Votes.Single().ToValueId));
    }
}
