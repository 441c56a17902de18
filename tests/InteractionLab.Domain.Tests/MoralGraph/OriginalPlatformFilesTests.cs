using InteractionLab.Domain.MoralGraph;
using static InteractionLab.Domain.Tests.MoralGraph.MoralGraphFixtures;

namespace InteractionLab.Domain.Tests.MoralGraph;

/// <summary>
/// The original platform's formats, read from fixtures written from its schema (Fixtures/MoralGraph): its tables
/// (original-tables.json holds the hand-worked vote set) and its published graph JSON (published-graph.json is what its
/// summarizeGraph gives for that set), plus a bad file of each whose every problem is reported.
/// </summary>
public class OriginalPlatformFilesTests
{
    private static readonly DateTimeOffset ImportedAt = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly Dictionary<string, CanonicalValue> NoValues = new();

    private static string Summary(MoralGraphDocument g) => string.Join("\n",
        g.Values.Select(v => $"{v.Id} {v.Rank:R} {v.Votes}")
            .Concat(g.Edges.Select(e => $"{e.SourceValueId}→{e.WiserValueId} {e.Counts} {e.WiserLikelihood:R} {e.Entropy:R} {string.Join("|", e.Contexts)}")));

    [Fact]
    public void TheOriginalTablesGiveTheHandWorkedGraph()
    {
        var result = MoralGraphFileReader.Read(Fixture("original-tables.json"), NoValues, ImportedAt);

        Assert.Equal(MoralGraphFormats.OriginalTables, result.Format);
        Assert.Empty(result.Problems);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], result.Values.Select(v => v.Id));
        Assert.All(result.Values, v => Assert.Equal("deliberation-1", v.QuestionId));
        Assert.Equal(WorkedVotes.Select(v => (v.ParticipantKey, v.FromValueId, v.ToValueId, v.Choice, v.Context, v.CastAt)),
            result.Votes.Select(v => (v.ParticipantKey, v.FromValueId, v.ToValueId, v.Choice, v.Context, v.CastAt)));
        // Prisma keeps UTC in timestamp columns without an offset: "2023-10-25 10:00:00.000" is 10:00 UTC.
        Assert.Equal(new DateTimeOffset(2023, 10, 25, 10, 0, 0, TimeSpan.Zero), result.Votes[0].CastAt);
        Assert.Equal("They listened instead of deciding for her.", result.Votes[0].Reason);
        Assert.Equal("deliberation-1", result.Votes[0].Batch);
        // "When in distress" and "When grieving" belong to question 1 only; "When making decisions" to 1 and 2, so its
        // votes stay with the deliberation.
        Assert.Equal(["1", "1", "1", "deliberation-1"], result.Votes.Take(4).Select(v => v.QuestionId));

        var worked = MoralGraphBuilder.Build(WorkedValues, WorkedVotes);
        var imported = MoralGraphBuilder.Build(result.Values, result.Votes);
        Assert.Equal(Summary(worked), Summary(imported));
        Assert.Equal("Honest presence through it", imported.Values[0].Title);
    }

    [Fact]
    public void TheOriginalTablesBringTheirStoriesWithTheirRuns()
    {
        var result = MoralGraphFileReader.Read(Fixture("original-tables.json"), NoValues, ImportedAt);

        // Six EdgeHypothesis rows, plus the story of the one edge (5→4) that has no hypothesis row.
        Assert.Equal(7, result.Stories.Count);
        var first = result.Stories[0];
        Assert.Equal(("1", "1", "2", Distress, "run-2023-10-24", false), (first.QuestionId, first.FromValueId, first.ToValueId, first.Context, first.RunId, first.Archived));
        Assert.StartsWith("I used to care most about 'keeping them safe'", first.Story);
        Assert.Contains(result.Stories, s => (s.FromValueId, s.ToValueId, s.RunId) == ("5", "4", null));
    }

    [Fact]
    public void EveryProblemInABadTablesFileIsReportedWithItsTableRowFieldAndValue()
    {
        var result = MoralGraphFileReader.Read(Fixture("original-tables-bad.json"), NoValues, ImportedAt);

        Assert.Equal(
            [
                new ImportProblem("Edges", "The importer does not read a table 'Edges'. It reads CanonicalValuesCard, Edge, EdgeHypothesis, Context (or ChoiceType) and ContextsForQuestions (or ChoiceTypesOnCases), named exactly as in the original schema."),
                new ImportProblem("CanonicalValuesCard[2]", "'id' must be a whole number or a text id, not true."),
                new ImportProblem("CanonicalValuesCard[3]", "'title' is missing."),
                new ImportProblem("CanonicalValuesCard[4]", "Card 4 is archived (isArchived: true); the original platform leaves archived cards and their votes out of its graph, so it was not imported."),
                new ImportProblem("CanonicalValuesCard[5]", "Card id 1 is used by an earlier row; ids must be unique."),
                new ImportProblem("Edge[1]", "'type' 'maybe' is not one of upgrade, no_upgrade, not_sure."),
                new ImportProblem("Edge[2]", "'toId' 99 is not the id of any CanonicalValuesCard row in the file or a value of the study."),
                new ImportProblem("Edge[3]", "'createdAt' 'yesterday' is not a date and time, e.g. \"2023-10-24T12:00:00.000Z\"."),
                new ImportProblem("Edge[4]", "'contextId' is missing (also looked for 'choiceTypeId')."),
                new ImportProblem("Edge[5]", "Context 'When on holiday' is not in the Context table of the file."),
                new ImportProblem("Edge[6]", "User 11 already voted on 1 → 2 (Edge[0]); the original platform keeps one vote per user and pair."),
                new ImportProblem("Edge[7]", "'fromId' 4 is an archived card; votes and stories on archived cards are left out, as the original platform leaves them out of its graph."),
                new ImportProblem("Edge[8]", "'fromId' and 'toId' are both 2; a vote compares two different values."),
                new ImportProblem("Edge[9]", "'fromId' 3 is a card that has problems of its own (see CanonicalValuesCard)."),
                new ImportProblem("EdgeHypothesis[0]", "The hypothesis has no 'story'; without its text there is nothing to keep."),
            ],
            result.Problems);
        Assert.Equal(["1", "2"], result.Values.Select(v => v.Id));
        // The policies column as a PostgreSQL array literal, as a table dump writes it.
        Assert.Equal(["FEELINGS they have not put into words", "CHOICES they make themselves"], result.Values[1].Card.AttentionalPolicies);
        var vote = Assert.Single(result.Votes);
        Assert.Equal(("11", "1", "2", VoteChoice.Wiser), (vote.ParticipantKey, vote.FromValueId, vote.ToValueId, vote.Choice));
        // The older schema's names (choiceTypeId, runId) are read too.
        var story = Assert.Single(result.Stories);
        Assert.Equal(("2", "1", Distress, "run-0"), (story.FromValueId, story.ToValueId, story.Context, story.RunId));
    }

    [Fact]
    public void ThePublishedGraphJsonRebuildsToTheSameEdgesCountsContextsAndRanks()
    {
        var result = MoralGraphFileReader.Read(Fixture("published-graph.json"), NoValues, ImportedAt);

        Assert.Equal(MoralGraphFormats.PublishedGraph, result.Format);
        Assert.Empty(result.Problems);
        var rebuilt = MoralGraphBuilder.Build(result.Values, result.Votes);
        var worked = MoralGraphBuilder.Build(WorkedValues, WorkedVotes);
        Assert.Equal(["3", "2", "1", "4"], rebuilt.Values.Select(v => v.Id));
        Assert.Equal(worked.Values.Select(v => v.Rank), rebuilt.Values.Select(v => v.Rank));
        Assert.Equal(worked.Edges.Select(e => (e.SourceValueId, e.WiserValueId, e.Counts, e.WiserLikelihood, e.Entropy, string.Join("|", e.Contexts))),
            rebuilt.Edges.Select(e => (e.SourceValueId, e.WiserValueId, e.Counts, e.WiserLikelihood, e.Entropy, string.Join("|", e.Contexts))));
        // The file's own summary and pageRank are what the rebuild gives.
        Assert.Equal(1.4056390622295665, rebuilt.Edges[0].Entropy);
        Assert.Equal(0.12834375, rebuilt.Values[0].Rank, 1e-15);
    }

    [Fact]
    public void AGraphJsonExportedHereRebuildsToItselfImpressionsIncluded()
    {
        var worked = MoralGraphBuilder.Build(WorkedValues, WorkedVotes);

        var result = MoralGraphFileReader.Read(MoralGraphJson.Serialize(worked), NoValues, ImportedAt);

        Assert.Equal((MoralGraphFormats.Graph, 0), (result.Format, result.Problems.Count));
        var rebuilt = MoralGraphBuilder.Build(result.Values, result.Votes);
        Assert.Equal(MoralGraphJson.Serialize(worked with { Values = [.. worked.Values.Select(v => v with { Votes = null })] }),
            MoralGraphJson.Serialize(rebuilt with { Values = [.. rebuilt.Values.Select(v => v with { Votes = null })] }));
    }

    [Fact]
    public void EveryProblemInABadPublishedGraphIsReportedAtItsValueOrEdge()
    {
        var result = MoralGraphFileReader.Read(Fixture("published-graph-bad.json"), NoValues, ImportedAt);

        Assert.Equal(
            [
                new ImportProblem("values[1]", "'title' is missing."),
                new ImportProblem("values[2]", "Value 3 has an empty policy."),
                new ImportProblem("edges[0]", "'counts.markedWiser' must be a whole number of 0 or more, not the text \"3\"."),
                new ImportProblem("edges[1]", "'counts.impressions' is missing."),
                new ImportProblem("edges[5]", "'counts' is missing."),
                new ImportProblem("edges[2]", "'impressions' is 2, fewer than the 3 answers counted (wiser 2 + not wiser 1 + unsure 0 + less wise 0); every answer on the pair is an impression."),
                new ImportProblem("edges[3]", "'wiserValueId' 2 is not a valid value of the file or a value of the study."),
                new ImportProblem("edges[4]", "The edge lists 3 contexts but only 2 votes stand behind it; every context comes from a vote."),
            ],
            result.Problems);
        Assert.Equal(["1", "4", "5"], result.Values.Select(v => v.Id));
        Assert.Empty(result.Votes);
    }

    [Fact]
    public void ReimportingIntoAStudyThatHasTheValuesReusesThemAndReadsTheSameVotes()
    {
        var first = MoralGraphFileReader.Read(Fixture("original-tables.json"), NoValues, ImportedAt);
        var study = first.Values.ToDictionary(v => v.Id);

        var again = MoralGraphFileReader.Read(Fixture("original-tables.json"), study, ImportedAt);

        Assert.Empty(again.Problems);
        Assert.Empty(again.Values);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], again.ReusedValueIds);
        Assert.Equal(first.Votes, again.Votes);
    }

    [Fact]
    public void AFileThatIsNotJsonOrHasATableThatIsNotAListSaysSo()
    {
        Assert.StartsWith("The file is not valid JSON:", Assert.Single(MoralGraphFileReader.Read("{ \"Edge\": [", NoValues, ImportedAt).Problems).Message);
        var problems = MoralGraphFileReader.Read("""{ "CanonicalValuesCard": 5 }""", NoValues, ImportedAt).Problems;
        Assert.Equal(new ImportProblem("CanonicalValuesCard", "The table 'CanonicalValuesCard' must be a list of rows (a JSON array of objects), not the number 5."), Assert.Single(problems));
    }
}
