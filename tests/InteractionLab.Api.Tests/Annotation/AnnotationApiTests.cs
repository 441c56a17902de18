using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>The REST doors of annotation: projects, the annotator's queue, blinding, validation with field paths.</summary>
public class AnnotationApiTests(AnnotationApiFixture fixture) : IClassFixture<AnnotationApiFixture>
{
    private PlatformFixture Platform => fixture.Platform;

    /// <summary>Posts JSON in the study-config JSON (kebab-case enums) and returns the answer.</summary>
    internal static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body) =>
        client.PostAsync(path, new StringContent(JsonSerializer.Serialize(body, ConfigHash.Json), Encoding.UTF8, "application/json"));

    internal static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task NothingAnAnnotatorReceivesNamesTheModelTheEndpointTheConditionOrTheParticipant()
    {
        var (_, study) = await Platform.CreateAsync(RevealingStudy.Apply);
        var project = await JsonAsync(await PostAsync(fixture.Researcher, $"/api/v1/admin/studies/{study}/annotation/projects",
            new { template = "dialogue-transcripts" }), HttpStatusCode.Created);
        var projectId = project["project"]!["id"]!.GetValue<string>();
        var session = await FinishedSessions.AddAsync(Platform.Factory, study, "warm-persona",
        [
            "Are you the Sunny Assistant? My prolific id is 65a1b2c3d4e5f60718293a4b.",
            "Yes, I am acme-secret-model-7b, running on acme-endpoint in the warm-persona condition.",
            "Cool. Is the Frosty Assistant also here?",
            "Only in cool-persona.",
        ], prolificPid: "65a1b2c3d4e5f60718293a4b", model: RevealingStudy.Model);

        var bodies = new List<string>();
        var annotator = fixture.Annotators[0];
        foreach (var path in new[] { "/api/v1/annotation/projects", $"/api/v1/annotation/projects/{projectId}/progress" })
            bodies.Add(await (await annotator.GetAsync(path)).Content.ReadAsStringAsync());
        var next = await annotator.PostAsync($"/api/v1/annotation/projects/{projectId}/next", null);
        bodies.Add(await next.Content.ReadAsStringAsync());

        var work = JsonNode.Parse(bodies[^1])!["work"]!;
        Assert.Equal(4, work["content"]!["turns"]!.AsArray().Count);
        string participant;
        await using (var scope = Platform.Scope(out var db))
            participant = (await db.Sessions.SingleAsync(s => s.Id == session)).ParticipantId.ToString();
        var secrets = RevealingStudy.Words.Concat(["acme", "65a1b2c3d4e5f60718293a4b", session.ToString(), participant, participant.Replace("-", "")]);
        foreach (var body in bodies)
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ABadConfigIsRefusedWithTheFieldPathOfEachProblem()
    {
        var (_, study) = await Platform.CreateAsync();
        var config = new AnnotationProjectConfig
        {
            Name = "", RatersPerItem = 0, Target = AnnotationTarget.Summary,
            Form = new SurveyConfig([new SurveyItem("q", SurveyItemKind.Likert, "How?", 5, 1), new SurveyItem("m", SurveyItemKind.TurnMark, "Mark")]),
            Redaction = RedactionRules.Default with { Patterns = ["(unclosed"] },
        };

        var problem = await JsonAsync(await PostAsync(fixture.Researcher, $"/api/v1/admin/studies/{study}/annotation/projects", new { config }),
            HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("config.name", errors);
        Assert.Contains("config.ratersPerItem", errors);
        Assert.Contains("config.form.items[0]", errors);
        Assert.Contains("config.form.items[1]", errors);
        Assert.Contains("config.redaction.patterns[0]", errors);
    }

    [Fact]
    public async Task AnUnknownTemplateAndAnUnreadableBodyAreBadRequests()
    {
        var (_, study) = await Platform.CreateAsync();
        var path = $"/api/v1/admin/studies/{study}/annotation/projects";

        var unknown = await JsonAsync(await PostAsync(fixture.Researcher, path, new { template = "nope" }), HttpStatusCode.BadRequest);
        var broken = await fixture.Researcher.PostAsync(path, new StringContent("{\"config\": {\"ratersPerItem\": \"three\"}}", Encoding.UTF8, "application/json"));

        Assert.Contains("template", unknown["errors"]!.AsObject().Select(e => e.Key));
        var brokenProblem = await JsonAsync(broken, HttpStatusCode.BadRequest);
        Assert.Contains("config.ratersPerItem", brokenProblem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task SavingAStaleRevisionIsAConflict()
    {
        var (_, study) = await Platform.CreateAsync();
        var created = await JsonAsync(await PostAsync(fixture.Researcher, $"/api/v1/admin/studies/{study}/annotation/projects",
            new { template = "halie-metaphor" }), HttpStatusCode.Created);
        var id = created["project"]!["id"]!.GetValue<string>();
        var config = created["project"]!["config"]!;
        var path = $"/api/v1/admin/studies/{study}/annotation/projects/{id}/config";

        var first = await fixture.Researcher.PutAsync(path + "?revision=1", new StringContent(config.ToJsonString(), Encoding.UTF8, "application/json"));
        var stale = await fixture.Researcher.PutAsync(path + "?revision=1", new StringContent(config.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(2, (await JsonAsync(first))["project"]!["revision"]!.GetValue<int>());
        await JsonAsync(stale, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheHalieTemplatesAskWhatHaliesRatersWereAskedWithTheirK()
    {
        var templates = (await JsonAsync(await fixture.Researcher.GetAsync($"/api/v1/admin/studies/{Guid.NewGuid()}/annotation/templates"))).AsArray();

        var summaries = templates.Single(t => t!["key"]!.GetValue<string>() == "halie-summarization")!["config"]!;
        var metaphors = templates.Single(t => t!["key"]!.GetValue<string>() == "halie-metaphor")!["config"]!;
        Assert.Equal(3, summaries["ratersPerItem"]!.GetValue<int>());
        Assert.Equal(["consistent", "coherent", "relevant"], summaries["form"]!["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()));
        Assert.Equal(2, metaphors["ratersPerItem"]!.GetValue<int>());
        Assert.Equal(["apt", "specific", "imageable"], metaphors["form"]!["items"]!.AsArray().Select(i => i!["key"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnItemFileWithMistakesIsRefusedLineByLineAndAGoodOneIsAdded()
    {
        var (_, study) = await Platform.CreateAsync();
        var created = await JsonAsync(await PostAsync(fixture.Researcher, $"/api/v1/admin/studies/{study}/annotation/projects",
            new { config = new AnnotationProjectConfig { Name = "Files", Target = AnnotationTarget.Manual, Form = AnnotationKit.YesNoForm() } }), HttpStatusCode.Created);
        var path = $"/api/v1/admin/studies/{study}/annotation/projects/{created["project"]!["id"]}/items/file";

        const string bad = "id,text,role,expected.good\nx1,First text,,\nx1,Second,,\nx3,,gold,maybe\nx4,Fourth,boss,\n";
        var refused = await JsonAsync(await fixture.Researcher.PostAsync(path + "?name=items.csv", new StringContent(bad, Encoding.UTF8, "text/csv")),
            HttpStatusCode.UnprocessableEntity);
        const string good = "{\"id\":\"g1\",\"text\":\"A gold text\",\"role\":\"gold\",\"expected\":{\"good\":\"yes\"}}\n{\"id\":\"r1\",\"text\":\"A regular one\"}\n";
        var added = await JsonAsync(await fixture.Researcher.PostAsync(path + "?name=items.jsonl", new StringContent(good, Encoding.UTF8, "application/x-ndjson")));

        var errors = refused["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["field"]?.GetValue<string>())).ToList();
        Assert.Contains((3, "id"), errors);
        Assert.Contains((4, "text"), errors);
        Assert.Contains((4, "expected.good"), errors);
        Assert.Contains((5, "role"), errors);
        Assert.Equal(0, refused["added"]!.GetValue<int>());
        Assert.Equal(2, added["added"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnswersTheFormDoesNotAllowAreRefusedByQuestion()
    {
        var (study, projectId) = await Platform.ManualProjectAsync(items: 1, k: 1);
        var annotator = fixture.Annotators[1];
        var next = await JsonAsync(await annotator.PostAsync($"/api/v1/annotation/projects/{projectId}/next", null));
        var assignment = next["work"]!["assignmentId"]!.GetValue<long>();

        var refused = await PostAsync(annotator, $"/api/v1/annotation/projects/{projectId}/assignments/{assignment}/submit",
            new { answers = new[] { new { itemKey = "good", value = "perhaps" } } });

        var problem = await JsonAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("answers.good", problem["errors"]!.AsObject().Select(e => e.Key));
    }
}
