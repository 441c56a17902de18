using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using InteractionLab.Testing.LanguageModel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.MoralGraph;

/// <summary>Generating, reviewing and guarding wiser-than hypotheses on real PostgreSQL with real sign-in.</summary>
public sealed class HypothesisTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    internal const string Values = """
        { "values": [
          { "id": "a", "questionId": "q1", "title": "Keeping them safe", "description": "Protect first.", "policies": ["RISKS they cannot see"] },
          { "id": "b", "questionId": "q1", "title": "Space to find their way", "description": "Room to think.", "policies": ["MOMENTS when a friend needs space"] },
          { "id": "c", "questionId": "q1", "title": "Honest presence", "description": "Being there.", "policies": ["FEELINGS under the words"] },
          { "id": "x", "questionId": "q2", "title": "Fair shares" }
        ] }
        """;

    private async Task<Guid> StudyWithValuesAsync(string owner = "mira")
    {
        var (_, id) = await platform.CreateStudyAsync(owner, StudyStatus.Draft);
        await using var scope = platform.Scope(out _);
        await scope.ServiceProvider.GetRequiredService<MoralGraphService>().ImportAsync(StaffPlatform.User(owner), id, Values);
        return id;
    }

    private async Task<string> RegisterEndpointAsync(string baseUrl)
    {
        var name = "scripted" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = platform.Scope(out var db);
        db.ModelEndpoints.Add(new ModelEndpoint { Name = name, BaseUrl = baseUrl, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return name;
    }

    private HypothesisGenerator Generator => platform.Factory.Services.GetRequiredService<HypothesisGenerator>();

    private async Task<HypothesisGenerationView> GenerateAsync(HttpClient client, Guid study, object request)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/admin/studies/{study}/hypotheses/generate", request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var started = (await response.Content.ReadFromJsonAsync<HypothesisGenerationView>(JsonSerializerOptions.Web))!;
        var done = await Generator.EndedAsync(study, started.Id, JobTimeout);
        // The polling endpoint shows the same end state.
        var polled = await client.GetFromJsonAsync<HypothesisGenerationView>(response.Headers.Location!.ToString(), JsonSerializerOptions.Web);
        Assert.Equal(done.Status, polled!.Status);
        return done;
    }

    private static string Ids(string user) =>
        string.Join(",", JsonDocument.Parse(user).RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetString()).Order());

    [Fact]
    public async Task TheModelsJsonBecomesDraftsWithModelPromptHashAndProgress()
    {
        var study = await StudyWithValuesAsync();
        await using var server = await ScriptedOpenAiServer.StartAsync(script => script.Otherwise(call =>
        {
            var (system, user) = (call.System, call.User);
            if (system.Contains("Propose the situations", StringComparison.Ordinal))
                return """{"contexts": ["When in distress", "When making decisions"]}""";
            if (system.Contains("list the ids of the cards", StringComparison.Ordinal))
                // Case changed by the model, an unknown id, and a context nobody asked for.
                return """{"contexts": [{"context": "when in distress", "valueIds": ["a", "b", "zz"]}, {"context": "When making decisions", "valueIds": ["a", "b", "c"]}, {"context": "When bored", "valueIds": ["a", "c"]}]}""";
            if (user.Contains("When in distress", StringComparison.Ordinal))
            {
                Assert.Equal("a,b", Ids(user));
                const string answer = """{"hypotheses": [{"fromValueId": "a", "toValueId": "b", "story": "I used to shield my sister from every risk. Now I give her room."}, {"fromValueId": "a", "toValueId": "a", "story": "Same."}]}""";
                return "```json\n" + answer + "\n```";
            }
            Assert.Equal("a,b,c", Ids(user));
            return """{"hypotheses": [{"fromValueId": "b", "toValueId": "c", "story": "I gave space; now I stay present."}, {"fromValueId": "c", "toValueId": "a", "story": "I now watch for risks."}]}""";
        }));
        var endpoint = await RegisterEndpointAsync(server.BaseUrl);
        var client = await platform.ClientAsync("mira");

        var job = await GenerateAsync(client, study, new { questionId = "q1", endpoint, model = "writer" });

        Assert.True(job.Status == GenerationStatus.Succeeded, job.Message);
        Assert.Equal((3, 4, 4), (job.Created, job.Done, job.Total));
        Assert.Contains("1 of the model's stories were skipped", job.Message);
        Assert.All(server.Requests, r =>
        {
            Assert.Equal(0.2, r["temperature"]!.GetValue<double>(), 3);
            Assert.Equal("json_object", (string?)r["response_format"]!["type"]);
        });
        Assert.Equal(4, server.Requests.Count);

        await using var scope = platform.Scope(out var db);
        var stored = await db.WiserHypotheses.Where(h => h.StudyId == study).OrderBy(h => h.FromValueId).ToListAsync();
        Assert.Equal([("a", "b", "When in distress"), ("b", "c", "When making decisions"), ("c", "a", "When making decisions")],
            stored.Select(h => (h.FromValueId, h.ToValueId, h.Context)));
        Assert.All(stored, h =>
        {
            Assert.Equal(HypothesisStatus.Draft, h.Status);
            Assert.Equal($"{endpoint}/writer", h.Model);
            Assert.Equal(HypothesisPrompt.Shipped.Hash, h.PromptHash);
            Assert.Equal("q1", h.QuestionId);
        });
        Assert.Equal(64, HypothesisPrompt.Shipped.Hash.Length);
        var audit = await db.AuditEntries.SingleAsync(a => a.StudyId == study && a.Action == HypothesisGenerator.GeneratedAction);
        Assert.Equal("mira", audit.Actor);
        Assert.StartsWith("3 draft(s) for question 'q1'", audit.Detail);

        // Generating again with the same answers adds nothing twice.
        var again = await GenerateAsync(client, study, new { questionId = "q1", endpoint, model = "writer", contexts = new[] { "When in distress", "When making decisions" } });
        Assert.Equal((GenerationStatus.Succeeded, 0), (again.Status, again.Created));
        Assert.Equal(3, await db.WiserHypotheses.CountAsync(h => h.StudyId == study));
        Assert.Equal(4 + 3, server.Requests.Count);
    }

    [Fact]
    public async Task TheDemoModelsGibberishFailsClearlyAndStoresNothing()
    {
        var study = await StudyWithValuesAsync();
        var client = await platform.ClientAsync("mira");

        var job = await GenerateAsync(client, study, new { questionId = "q1", endpoint = "local", model = "demo-chat", contexts = new[] { "When in distress" } });

        Assert.Equal(GenerationStatus.Failed, job.Status);
        Assert.Contains("is not the JSON object the prompt asks for, so nothing was stored", job.Message);
        await using var scope = platform.Scope(out var db);
        Assert.False(await db.WiserHypotheses.AnyAsync(h => h.StudyId == study));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.StudyId == study && a.Action == HypothesisGenerator.GeneratedAction));
    }

    [Fact]
    public async Task BadGenerationRequestsAreRefusedBeforeAnythingStarts()
    {
        var study = await StudyWithValuesAsync();
        var client = await platform.ClientAsync("mira");

        var oneValue = await client.PostAsJsonAsync($"/api/v1/admin/studies/{study}/hypotheses/generate", new { questionId = "q2", endpoint = "local", model = "demo-chat" });
        Assert.Equal(HttpStatusCode.BadRequest, oneValue.StatusCode);
        Assert.Contains("Question 'q2' has 1 canonical value(s)", (await oneValue.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        var noModel = await client.PostAsJsonAsync($"/api/v1/admin/studies/{study}/hypotheses/generate", new { questionId = "q1", endpoint = "", model = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noModel.StatusCode);
        Assert.Contains("Model", (await noModel.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
    }

    private async Task<List<long>> DraftsAsync(Guid study, params (string From, string To, string Context)[] pairs)
    {
        await using var scope = platform.Scope(out var db);
        var rows = pairs.Select(p => new WiserHypothesis
        {
            StudyId = study, QuestionId = "q1", FromValueId = p.From, ToValueId = p.To, Context = p.Context, Story = $"Story {p.From} to {p.To}.",
            Model = "scripted/writer", PromptHash = HypothesisPrompt.Shipped.Hash, CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.WiserHypotheses.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    [Fact]
    public async Task ResearchersApproveRejectAndEditWithFiltersAndAnAuditTrail()
    {
        var study = await StudyWithValuesAsync();
        var ids = await DraftsAsync(study, ("a", "b", "When in distress"), ("b", "c", "When in distress"), ("c", "a", "When making decisions"));
        var client = await platform.ClientAsync("mira");
        var url = $"/api/v1/admin/studies/{study}/hypotheses";

        var approve = await client.PostAsJsonAsync($"{url}/approve", new { ids = new[] { ids[0], ids[1] } });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(2, (await approve.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32());
        var reject = await client.PostAsJsonAsync($"{url}/reject", new { ids = new[] { ids[2] } });
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);

        var approved = (await client.GetFromJsonAsync<List<HypothesisView>>($"{url}?status=Approved", JsonSerializerOptions.Web))!;
        Assert.Equal(ids.Take(2), approved.Select(h => h.Id));
        Assert.All(approved, h => Assert.Equal("mira", h.ReviewedBy));
        Assert.Equal("Keeping them safe", approved[0].FromTitle);
        Assert.Equal("Space to find their way", approved[0].ToTitle);
        var decisions = (await client.GetFromJsonAsync<List<HypothesisView>>($"{url}?context={Uri.EscapeDataString("When making decisions")}", JsonSerializerOptions.Web))!;
        Assert.Equal([(ids[2], HypothesisStatus.Rejected)], decisions.Select(h => (h.Id, h.Status)));

        // Editing an approved story sends it back to draft: participants only read approved text.
        var edit = await client.PutAsJsonAsync($"{url}/{ids[0]}", new { story = "  I used to protect; now I trust.  " });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var edited = (await edit.Content.ReadFromJsonAsync<HypothesisView>(JsonSerializerOptions.Web))!;
        Assert.Equal(("I used to protect; now I trust.", HypothesisStatus.Draft, true), (edited.Story, edited.Status, edited.Edited));

        var empty = await client.PutAsJsonAsync($"{url}/{ids[1]}", new { story = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        await using var scope = platform.Scope(out var db);
        var actions = await db.AuditEntries.Where(a => a.StudyId == study && a.Action.StartsWith("hypotheses.")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal([HypothesisService.ApproveAction, HypothesisService.RejectAction, HypothesisService.EditAction], actions);
        Assert.Equal("Story b to c.", (await db.WiserHypotheses.SingleAsync(h => h.Id == ids[1])).Story);
    }

    [Fact]
    public async Task AResearcherOfAnotherStudyGets404AndChangesNothing()
    {
        var study = await StudyWithValuesAsync("mira");
        var ids = await DraftsAsync(study, ("a", "b", "When in distress"));
        var other = await platform.ClientAsync("otto");
        var url = $"/api/v1/admin/studies/{study}/hypotheses";

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{url}/approve", new { ids })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"{url}/{ids[0]}", new { story = "Mine now." })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{url}/generate", new { questionId = "q1", endpoint = "local", model = "demo-chat" })).StatusCode);

        // The owner cannot reach another study's hypothesis through their own study either.
        var (_, own) = await platform.CreateStudyAsync("otto", StudyStatus.Draft);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/admin/studies/{own}/hypotheses/approve", new { ids })).StatusCode);

        await using var scope = platform.Scope(out var db);
        var row = await db.WiserHypotheses.SingleAsync(h => h.Id == ids[0]);
        Assert.Equal((HypothesisStatus.Draft, "Story a to b."), (row.Status, row.Story));
    }
}
