using System.Net;
using System.Net.Http.Json;
using System.Text;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain.MoralGraph;
using InteractionLab.Domain.Studies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests.MoralGraph;

/// <summary>
/// The published definitions over REST on real PostgreSQL (issue 12): the original platform's tables imported as they
/// are, the published thresholds, entropy and listing as defaults, the other choices by name, filters by question and
/// context, problems for unknown parameters and questions, and votes appended to values the study already has.
/// The hand-worked numbers are derived in the domain tests (WorkedVoteSetTests).
/// </summary>
public sealed class MoralGraphDefinitionsApiTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "MoralGraph", name));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string[] Edges(MoralGraphDocument g) => [.. g.Edges.Select(e => $"{e.SourceValueId}→{e.WiserValueId}")];

    private async Task<(Guid Id, HttpClient Client, MoralGraphImportSummary Summary)> StudyWithAsync(string fixture)
    {
        var (_, id) = await platform.CreateStudyAsync("mira", StudyStatus.Draft);
        var client = await platform.ClientAsync("mira");
        var response = await client.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(Fixture(fixture)));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (id, client, (await response.Content.ReadFromJsonAsync<MoralGraphImportSummary>())!);
    }

    private static async Task<MoralGraphDocument> GraphAsync(HttpClient client, Guid id, string query = "") =>
        MoralGraphJson.Deserialize(await client.GetStringAsync($"/api/v1/studies/{id}/moral-graph{query}"));

    [Fact]
    public async Task TheOriginalTablesGiveThePublishedGraphByDefault()
    {
        var (id, client, summary) = await StudyWithAsync("original-tables.json");
        Assert.Equal((MoralGraphFormats.OriginalTables, 6, 14, 7), (summary.Format, summary.ValuesStored, summary.VotesStored, summary.StoriesStored));

        var graph = await GraphAsync(client, id);

        // Before: 1 / 0.33 / 1.5 over four counts kept 1→3 and 5→4 too, and every value was listed.
        Assert.Equal(["1→2", "2→3", "4→3"], Edges(graph));
        Assert.Equal([new EdgeCounts(3, 0, 0, 1, 4), new EdgeCounts(2, 1, 0, 0, 3), new EdgeCounts(2, 0, 0, 0, 2)], graph.Edges.Select(e => e.Counts));
        Assert.Equal([1.4056390622295665, 1.4591479170272448, 1.0], graph.Edges.Select(e => e.Entropy));
        Assert.Equal([0.5, 2.0 / 3, 1.0], graph.Edges.Select(e => e.WiserLikelihood));
        Assert.Equal(["3", "2", "1", "4"], graph.Values.Select(v => v.Id));
        Assert.Equal(0.12834375, graph.Values[0].Rank, 1e-15);
    }

    [Fact]
    public async Task ThePublishedGraphJsonImportsToTheSameGraphAsTheTablesItCameFrom()
    {
        var (fromTables, client, _) = await StudyWithAsync("original-tables.json");
        var (fromGraph, _, summary) = await StudyWithAsync("published-graph.json");
        Assert.Equal((MoralGraphFormats.PublishedGraph, 4), (summary.Format, summary.ValuesStored));

        var a = await GraphAsync(client, fromTables);
        var b = await GraphAsync(client, fromGraph);

        Assert.Equal(a.Values.Select(v => (v.Id, v.Title, v.Rank)), b.Values.Select(v => (v.Id, v.Title, v.Rank)));
        Assert.Equal(a.Edges.Select(e => (e.SourceValueId, e.WiserValueId, e.Counts, e.WiserLikelihood, e.Entropy, string.Join("|", e.Contexts))),
            b.Edges.Select(e => (e.SourceValueId, e.WiserValueId, e.Counts, e.WiserLikelihood, e.Entropy, string.Join("|", e.Contexts))));
    }

    [Fact]
    public async Task TheOtherDefinitionsAreChosenByName()
    {
        var (id, client, _) = await StudyWithAsync("original-tables.json");

        Assert.Equal(["1→2", "2→3", "1→3", "4→3"], Edges(await GraphAsync(client, id, "?entropy=fourCounts")));
        Assert.Equal(["3", "2", "1", "4", "5", "6"], (await GraphAsync(client, id, "?values=all")).Values.Select(v => v.Id));
        Assert.Equal(1, (await GraphAsync(client, id, "?ranking=wiser")).Values.Sum(v => v.Rank), 1e-12);
        // Before: an entropy bar above 2 bits was refused; the five-count entropy reaches log2 5 ≈ 2.32.
        Assert.Equal(["1→2", "2→3", "1→3", "4→3"], Edges(await GraphAsync(client, id, "?maxEntropy=2.32")));
        var bad = await client.GetAsync($"/api/v1/studies/{id}/moral-graph?values=some&ranking=best");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.Equal(["ranking", "values"], problem.Errors.Keys.Order());
        Assert.Contains("'values' must be 'connected' or 'all', not 'some'.", problem.Detail);
    }

    [Fact]
    public async Task QuestionAndContextFiltersSelectTheirVotes()
    {
        var (id, client, _) = await StudyWithAsync("original-tables.json");

        // Question 1's own contexts are distress and grieving; "When making decisions" is shared with question 2, so the
        // reverse vote 2→1 and the 4→3 votes are not in it. 1→2 is then 3 wiser of 3 impressions, 1→3 stays too scattered.
        var question1 = await GraphAsync(client, id, "?question=1");
        Assert.Equal(["1→2", "2→3"], Edges(question1));
        Assert.Equal(new EdgeCounts(3, 0, 0, 0, 3), question1.Edges[0].Counts);
        var deciding = await GraphAsync(client, id, "?context=When%20making%20decisions");
        Assert.Equal(["4→3"], Edges(deciding));
        Assert.Equal(["3", "4"], deciding.Values.Select(v => v.Id));
    }

    [Fact]
    public async Task AnUnknownParameterIsRefusedByName()
    {
        var (id, client, _) = await StudyWithAsync("original-tables.json");

        // Before: a misspelt filter was ignored and the whole graph came back with 200.
        var response = await client.GetAsync($"/api/v1/studies/{id}/moral-graph?questionId=1&minVotes=2");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.StartsWith("Unknown query parameter 'questionId'.", problem.Detail);
        Assert.Equal(["questionId"], problem.Errors.Keys);
    }

    [Fact]
    public async Task AnUnknownQuestionOrContextIsA404NamingIt()
    {
        var (id, client, _) = await StudyWithAsync("original-tables.json");

        // Before: 200 with an empty graph.
        var question = await client.GetAsync($"/api/v1/studies/{id}/moral-graph?question=abortion");
        Assert.Equal(HttpStatusCode.NotFound, question.StatusCode);
        Assert.Equal("This study has no question 'abortion'. Its questions are: '1', 'deliberation-1'.",
            (await question.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        var context = await client.GetAsync($"/api/v1/studies/{id}/moral-graph?context=When%20on%20holiday");
        Assert.Equal(HttpStatusCode.NotFound, context.StatusCode);
        Assert.Contains("no context 'When on holiday'", (await context.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task VotesAreAppendedToValuesTheStudyAlreadyHasAndNeverTwice()
    {
        var (id, client, _) = await StudyWithAsync("original-tables.json");
        const string more = """
            { "votes": [
              { "participantKey": "p-201", "fromValueId": "5", "toValueId": "4", "choice": "wiser", "castAt": "2023-11-01T09:00:00Z" },
              { "participantKey": "p-202", "fromValueId": "6", "toValueId": "3", "choice": "wiser", "castAt": "2023-11-01T09:05:00Z" } ] }
            """;

        // Before: a second import into the same study was a 409 and stored nothing.
        var response = await client.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(more));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<MoralGraphImportSummary>())!.VotesStored);
        // 5→4 now has its second wiser vote and is kept.
        Assert.Contains("5→4", Edges(await GraphAsync(client, id)));

        var again = (await (await client.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(more))).Content.ReadFromJsonAsync<MoralGraphImportSummary>())!;
        Assert.Equal((0, 2), (again.VotesStored, again.VotesAlreadyInStudy));
        var tablesAgain = (await (await client.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(Fixture("original-tables.json")))).Content.ReadFromJsonAsync<MoralGraphImportSummary>())!;
        Assert.Equal((0, 6, 0, 14, 0), (tablesAgain.ValuesStored, tablesAgain.ValuesAlreadyInStudy, tablesAgain.VotesStored, tablesAgain.VotesAlreadyInStudy, tablesAgain.StoriesStored));
        await using var scope = platform.Scope(out var db);
        Assert.Equal(16, await db.WiserVotes.CountAsync(v => v.StudyId == id));
    }

    [Fact]
    public async Task TheOriginalStoriesAreKeptAsDraftsAndTheirVotesPointToThem()
    {
        var (id, _, _) = await StudyWithAsync("original-tables.json");

        await using var scope = platform.Scope(out var db);
        var stories = await db.WiserHypotheses.Where(h => h.StudyId == id).ToListAsync();
        Assert.Equal(7, stories.Count);
        Assert.All(stories, s => Assert.Equal(HypothesisStatus.Draft, s.Status));
        var first = stories.Single(s => (s.FromValueId, s.ToValueId, s.Context) == ("1", "2", "When in distress"));
        Assert.Equal(("1", "original-platform (run run-2023-10-24)"), (first.QuestionId, first.Model));
        var votes = await db.WiserVotes.Where(v => v.StudyId == id && v.HypothesisId == first.Id).Select(v => v.VoterKey).OrderBy(k => k).ToListAsync();
        Assert.Equal(["101", "103"], votes);
    }

    [Fact]
    public async Task ABadTablesFileStoresItsGoodRowsAndListsEveryOtherOne()
    {
        var (_, id) = await platform.CreateStudyAsync("mira", StudyStatus.Draft);
        var client = await platform.ClientAsync("mira");

        var response = await client.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(Fixture("original-tables-bad.json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<MoralGraphImportSummary>())!;
        Assert.Equal((2, 1, 1, 15), (summary.ValuesStored, summary.VotesStored, summary.StoriesStored, summary.Problems.Count));
        Assert.Contains(new ImportProblem("Edge[1]", "'type' 'maybe' is not one of upgrade, no_upgrade, not_sure."), summary.Problems);
    }
}
