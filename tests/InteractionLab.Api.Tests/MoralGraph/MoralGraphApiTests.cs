using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain.MoralGraph;
using InteractionLab.Domain.Studies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.MoralGraph;

/// <summary>Import, graph and export of a study's moral graph over REST, on real PostgreSQL with real sign-in and API keys.</summary>
public sealed class MoralGraphApiTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    // Two questions; on q1 "b" is clearly wiser than "a", "c" wiser than "b" in wave-2 only; one contested edge a→c.
    internal const string Document = """
        {
          "values": [
            { "id": "a", "questionId": "q1", "title": "Keeping them safe", "description": "Protect first.", "policies": ["RISKS they cannot see"] },
            { "id": "b", "questionId": "q1", "title": "Space to find their way", "description": "Giving room to think.", "policies": ["MOMENTS when a friend needs space", "FEELINGS under the words"] },
            { "id": "c", "questionId": "q1", "title": "Honest presence", "policies": [] },
            { "id": "x", "questionId": "q2", "title": "Fair shares" },
            { "id": "y", "questionId": "q2", "title": "Needs before shares" }
          ],
          "votes": [
            { "participantKey": "p1", "fromValueId": "a", "toValueId": "b", "choice": "wiser", "context": "When in distress", "castAt": "2024-05-01T10:00:00Z", "batch": "wave-1" },
            { "participantKey": "p2", "fromValueId": "a", "toValueId": "b", "choice": "yes", "context": "When grieving", "castAt": "2024-05-01T11:00:00Z", "batch": "wave-1" },
            { "participantKey": "p3", "fromValueId": "a", "toValueId": "b", "choice": "not sure", "castAt": "2024-05-02T10:00:00+02:00", "batch": "wave-1", "reason": "Depends" },
            { "participantKey": "p4", "fromValueId": "b", "toValueId": "c", "choice": "wiser", "castAt": "2024-05-03T10:00:00Z", "batch": "wave-2" },
            { "participantKey": "p5", "fromValueId": "b", "toValueId": "c", "choice": "wiser", "castAt": "2024-05-03T11:00:00Z", "batch": "wave-2" },
            { "participantKey": "p6", "fromValueId": "a", "toValueId": "c", "choice": "wiser", "castAt": "2024-05-01T12:00:00Z", "batch": "wave-1" },
            { "participantKey": "p7", "fromValueId": "a", "toValueId": "c", "choice": "notWiser", "castAt": "2024-05-01T12:30:00Z", "batch": "wave-1" },
            { "participantKey": "p8", "fromValueId": "c", "toValueId": "a", "choice": "wiser", "castAt": "2024-05-01T13:00:00Z", "batch": "wave-1" },
            { "participantKey": "p9", "fromValueId": "x", "toValueId": "y", "choice": "wiser", "castAt": "2024-05-04T10:00:00Z", "batch": "wave-2" }
          ]
        }
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(int Values, int Votes)> StoredAsync(Guid study)
    {
        await using var scope = platform.Scope(out var db);
        return (await db.ValuesCards.CountAsync(c => c.StudyId == study), await db.WiserVotes.CountAsync(v => v.StudyId == study));
    }

    private async Task<string> KeyAsync(Guid? study, params string[] scopes)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", study, scopes)).Key;
    }

    private HttpClient KeyClient(string key)
    {
        var client = platform.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<(Guid Id, HttpClient Client)> ImportedStudyAsync(string owner = "mira")
    {
        var (_, id) = await platform.CreateStudyAsync(owner, StudyStatus.Draft);
        var client = await platform.ClientAsync(owner);
        var response = await client.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(Document));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (id, client);
    }

    [Fact]
    public async Task AnImportStoresEveryValueAndVoteAndIsAudited()
    {
        var (id, client) = await ImportedStudyAsync();
        Assert.Equal((5, 9), await StoredAsync(id));

        await using var scope = platform.Scope(out var db);
        var audit = await db.AuditEntries.Where(a => a.StudyId == id).SingleAsync();
        Assert.Equal(MoralGraphService.ImportAction, audit.Action);
        Assert.Equal("mira", audit.Actor);
        Assert.Equal("import: 5 values, 9 votes, 0 stories, 0 problems", audit.Detail);
        var vote = await db.WiserVotes.SingleAsync(v => v.StudyId == id && v.VoterKey == "p3");
        Assert.Equal((VoteChoice.Unsure, "q1", "Depends"), (vote.Choice, vote.QuestionId, vote.Reason));
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 8, 0, 0, TimeSpan.Zero), vote.CastAt);
    }

    [Fact]
    public async Task UnreadableJsonIsAProblemNamingWhereAndStoresNothing()
    {
        var (_, id) = await platform.CreateStudyAsync("mira", StudyStatus.Draft);
        var client = await platform.ClientAsync("mira");

        var broken = await client.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json("{\n  \"values\": [\n    { \"id\": 5, }\n  ]\n}"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var problem = await broken.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("LineNumber: 2", problem!.Detail);
        Assert.Contains("$", problem.Errors.Keys);

        var wrongShape = await client.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json("""{ "values": "none" }"""));
        Assert.Equal(HttpStatusCode.BadRequest, wrongShape.StatusCode);
        Assert.Contains("$.values", (await wrongShape.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        Assert.Equal((0, 0), await StoredAsync(id));
        await using var scope = platform.Scope(out var db);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.StudyId == id));
    }

    [Fact]
    public async Task InvalidItemsAreSkippedAndListedWhileTheRestIsStored()
    {
        var (_, id) = await platform.CreateStudyAsync("mira", StudyStatus.Draft);
        var client = await platform.ClientAsync("mira");
        const string file = """
            { "values": [ { "id": "a", "questionId": "q", "title": "A" }, { "id": "b", "questionId": "q", "title": "B" }, { "id": "c", "questionId": "q" } ],
              "votes": [ { "participantKey": "p1", "fromValueId": "a", "toValueId": "b", "choice": "wiser", "castAt": "2024-05-01T10:00:00Z" },
                         { "participantKey": "p2", "fromValueId": "a", "toValueId": "zz", "choice": "maybe", "castAt": "2024-05-01T10:00:00" } ] }
            """;
        var response = await client.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(file));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<MoralGraphImportSummary>())!;
        Assert.Equal((2, 1), (summary.ValuesStored, summary.VotesStored));
        Assert.Equal(["values[2]", "votes[1]", "votes[1]", "votes[1]"], summary.Problems.Select(p => p.Item));
        Assert.Contains(summary.Problems, p => p.Message == "'toValueId' 'zz' is not the id of any value in the file or the study.");
        Assert.Equal((2, 1), await StoredAsync(id));
    }

    [Fact]
    public async Task ImportingTheSameFileAgainAddsNothingAndSaysWhatWasAlreadyThere()
    {
        var (id, client) = await ImportedStudyAsync();
        var again = await client.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(Document));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var summary = (await again.Content.ReadFromJsonAsync<MoralGraphImportSummary>())!;
        Assert.Equal((0, 0, 5, 9), (summary.ValuesStored, summary.VotesStored, summary.ValuesAlreadyInStudy, summary.VotesAlreadyInStudy));
        Assert.Equal((5, 9), await StoredAsync(id));
    }

    [Fact]
    public async Task TheGraphEndpointGivesExactlyWhatTheDomainBuilderGives()
    {
        var (id, client) = await ImportedStudyAsync();
        var imported = MoralGraphImporter.Import(Document);

        foreach (var (query, filter, options) in new (string, MoralGraphFilter, MoralGraphOptions)[]
        {
            ("", MoralGraphFilter.All, MoralGraphOptions.Published),
            ("?question=q1", new MoralGraphFilter("q1"), MoralGraphOptions.Published),
            ("?batch=wave-2&minVotes=1", new MoralGraphFilter(Batch: "wave-2"), MoralGraphOptions.Published with { Thresholds = new GraphThresholds(MinWiserVotes: 1) }),
            ("?from=2024-05-01T11:00:00Z&to=2024-05-03T00:00:00Z", new MoralGraphFilter(From: DateTimeOffset.Parse("2024-05-01T11:00:00Z"), To: DateTimeOffset.Parse("2024-05-03T00:00:00Z")), MoralGraphOptions.Published),
            ("?minVotes=1&minAgreement=0.5&maxEntropy=1.2", MoralGraphFilter.All, MoralGraphOptions.Published with { Thresholds = new GraphThresholds(1, 0.5, 1.2) }),
            ("?values=all&ranking=wiser&entropy=fourCounts", MoralGraphFilter.All, MoralGraphOptions.Published with { Values = ValueListing.All, Ranking = GraphRanking.Wiser, Entropy = EdgeEntropy.FourCounts }),
        })
        {
            var expected = MoralGraphBuilder.Build(imported.Values, imported.Votes, filter, options);
            var body = await client.GetStringAsync($"/api/v1/studies/{id}/moral-graph{query}");
            Assert.Equal(MoralGraphJson.Serialize(expected), body);
        }
    }

    [Fact]
    public async Task FiltersChooseTheSlice()
    {
        var (id, client) = await ImportedStudyAsync();
        async Task<MoralGraphDocument> Graph(string q) => MoralGraphJson.Deserialize(await client.GetStringAsync($"/api/v1/studies/{id}/moral-graph{q}"));

        // Published thresholds: a→b (2 wiser, 1 unsure) and b→c (2 wiser) stay; the single-vote edges do not; only a, b, c are listed.
        var all = await Graph("");
        Assert.Equal(["c", "b", "a"], all.Values.Select(v => v.Id));
        Assert.Equal([("a", "b"), ("b", "c")], all.Edges.Select(e => (e.SourceValueId, e.WiserValueId)));
        var abEdge = all.Edges[0];
        Assert.Equal(new EdgeCounts(2, 0, 1, 0, 3), abEdge.Counts);
        Assert.Equal(["When in distress", "When grieving"], abEdge.Contexts);

        var q2 = await Graph("?question=q2&values=all&minVotes=1&ranking=wiser");
        Assert.Equal(["y", "x"], q2.Values.Select(v => v.Id));
        var wave2 = await Graph("?batch=wave-2&minVotes=1");
        Assert.Equal([("b", "c"), ("x", "y")], wave2.Edges.Select(e => (e.SourceValueId, e.WiserValueId)));
        var window = await Graph("?to=2024-05-01T11:00:00Z&minVotes=1");
        Assert.Equal([("a", "b")], window.Edges.Select(e => (e.SourceValueId, e.WiserValueId)));
        Assert.Equal(1, window.Edges[0].Counts.Wiser);
        // One wiser vote is enough with minVotes=1; a→c and c→a cancel out (likelihood 0) and stay out.
        var lenient = await Graph("?minVotes=1");
        Assert.Equal([("a", "b"), ("b", "c"), ("x", "y")], lenient.Edges.Select(e => (e.SourceValueId, e.WiserValueId)));

        var badWindow = await client.GetAsync($"/api/v1/studies/{id}/moral-graph?from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.StatusCode);
        var badThreshold = await client.GetAsync($"/api/v1/studies/{id}/moral-graph?minAgreement=3");
        Assert.Equal(HttpStatusCode.BadRequest, badThreshold.StatusCode);
        Assert.Contains("minAgreement", (await badThreshold.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
    }

    [Fact]
    public async Task AnExportedGraphImportedIntoAnotherStudyGivesTheSameGraph()
    {
        var (source, client) = await ImportedStudyAsync();
        var exported = await client.GetStringAsync($"/api/v1/studies/{source}/moral-graph?question=q1");
        var (_, target) = await platform.CreateStudyAsync("mira", StudyStatus.Draft);

        var response = await client.PostAsync($"/api/v1/studies/{target}/imports/moral-graph", Json(exported));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<MoralGraphImportSummary>())!;
        Assert.Equal(("graph", 3), (summary.Format, summary.ValuesStored));
        Assert.Empty(summary.Problems);

        var before = MoralGraphJson.Deserialize(exported);
        var after = MoralGraphJson.Deserialize(await client.GetStringAsync($"/api/v1/studies/{target}/moral-graph"));
        Assert.Equal(before.Values.Select(v => (v.Id, v.Title, v.Description, string.Join("|", v.Policies), v.Rank)),
            after.Values.Select(v => (v.Id, v.Title, v.Description, string.Join("|", v.Policies), v.Rank)));
        Assert.Equal(before.Edges.Count, after.Edges.Count);
        for (var i = 0; i < before.Edges.Count; i++)
        {
            var (b, a) = (before.Edges[i], after.Edges[i]);
            Assert.Equal((b.SourceValueId, b.WiserValueId, b.Counts, b.WiserLikelihood, b.Entropy), (a.SourceValueId, a.WiserValueId, a.Counts, a.WiserLikelihood, a.Entropy));
            Assert.Equal(b.Contexts, a.Contexts);
        }
    }

    [Fact]
    public async Task AnotherResearcherGets404AndAnonymousGets401()
    {
        var (id, _) = await ImportedStudyAsync();
        var other = await platform.ClientAsync("otto");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/studies/{id}/moral-graph")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(Document))).StatusCode);
        var anonymous = await platform.ClientAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/studies/{id}/moral-graph")).StatusCode);
        var refused = await anonymous.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(Document));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Sign-in required", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        var annotator = await platform.ClientAsync("anna", InteractionLab.Api.Staff.StaffRoles.Annotator);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync($"/api/v1/studies/{id}/moral-graph")).StatusCode);
        Assert.Equal((5, 9), await StoredAsync(id));
    }

    [Fact]
    public async Task ApiKeysNeedTheImportScopeToImportAndTheExportScopeToRead()
    {
        var (_, id) = await platform.CreateStudyAsync("mira", StudyStatus.Draft);
        var (_, elsewhere) = await platform.CreateStudyAsync("mira", StudyStatus.Draft);
        var exporter = KeyClient(await KeyAsync(id, ApiKeyScopes.Export));
        var importer = KeyClient(await KeyAsync(id, ApiKeyScopes.Import));
        var unbound = KeyClient(await KeyAsync(null, ApiKeyScopes.Import, ApiKeyScopes.Export));

        Assert.Equal(HttpStatusCode.Forbidden, (await exporter.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(Document))).StatusCode);
        Assert.Equal((0, 0), await StoredAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await importer.PostAsync($"/api/v1/studies/{id}/imports/moral-graph", Json(Document))).StatusCode);
        Assert.Equal((5, 9), await StoredAsync(id));
        Assert.Equal(HttpStatusCode.Forbidden, (await importer.GetAsync($"/api/v1/studies/{id}/moral-graph")).StatusCode);
        Assert.Equal(3, MoralGraphJson.Deserialize(await exporter.GetStringAsync($"/api/v1/studies/{id}/moral-graph")).Values.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await importer.PostAsync($"/api/v1/studies/{elsewhere}/imports/moral-graph", Json(Document))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await unbound.PostAsync($"/api/v1/studies/{elsewhere}/imports/moral-graph", Json(Document))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await KeyClient("il_not-a-key").GetAsync($"/api/v1/studies/{id}/moral-graph")).StatusCode);

        await using var scope = platform.Scope(out var db);
        Assert.Equal("analyst", (await db.AuditEntries.SingleAsync(a => a.StudyId == id)).Actor);
    }

    [Fact]
    public async Task TheAdminPageShowsTheGraphToItsResearcherOnly()
    {
        var (id, client) = await ImportedStudyAsync();
        var html = await client.GetStringAsync($"/admin/studies/{id}/moral-graph");
        Assert.Contains("Space to find their way", html);
        Assert.Contains($"/api/v1/studies/{id}/moral-graph?", html);
        Assert.Matches("aria-current=\"page\"[^>]*>Moral graph</a>", html);
        var other = await platform.ClientAsync("otto");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/admin/studies/{id}/moral-graph")).StatusCode);
    }
}
