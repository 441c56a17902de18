using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InteractionLab.Api.Tests.Annotation.AnnotationApiTests;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>Review and adjudication, excluding an annotator, agreement and the exports, through the REST API.</summary>
public class AnnotationReviewTests(AnnotationApiFixture fixture) : IClassFixture<AnnotationApiFixture>
{
    private PlatformFixture Platform => fixture.Platform;

    [Fact]
    public async Task AReviewerSeesDisputedItemsWithRatersAsA1ToA3AndRecordsTheAdjudication()
    {
        // Item 1: all agree; item 2: a 2–1 split on "good" (disagreement 1/3 > 0.3).
        var (study, project) = await fixture.RatedAsync(2, (a, i) => (i == 1 && a == 2 ? "no" : "yes", "4"));

        var queue = (await JsonAsync(await fixture.Reviewer.GetAsync($"/api/v1/review/projects/{project}/queue"))).AsArray();
        var entry = Assert.Single(queue)!;
        Assert.Equal(["good"], entry["disputed"]!.AsArray().Select(d => d!.GetValue<string>()));
        var itemId = entry["itemId"]!.GetValue<string>();
        var itemBody = await (await fixture.Reviewer.GetAsync($"/api/v1/review/items/{itemId}")).Content.ReadAsStringAsync();
        var item = JsonNode.Parse(itemBody)!;
        Assert.Equal(["A1", "A2", "A3"], item["raters"]!.AsArray().Select(r => r!["label"]!.GetValue<string>()));
        await using (var scope = Platform.Scope(out var db))
            foreach (var annotator in await db.Annotators.Where(a => a.ProjectId == project).ToListAsync())
                Assert.DoesNotContain(annotator.Id.ToString(), itemBody);
        Assert.DoesNotContain("rater-", itemBody);

        var adjudicated = await JsonAsync(await PostAsync(fixture.Reviewer, $"/api/v1/review/items/{itemId}/adjudication",
            new { values = new[] { new { itemKey = "good", value = "no" } }, note = "The text has a factual error." }));

        var good = adjudicated["decisions"]!.AsArray().Single(d => d!["questionKey"]!.GetValue<string>() == "good")!;
        Assert.Equal(("yes", "no", "The text has a factual error."), (good["consensus"]!.GetValue<string>(), good["adjudicated"]!.GetValue<string>(), good["note"]!.GetValue<string>()));
        Assert.Empty((await JsonAsync(await fixture.Reviewer.GetAsync($"/api/v1/review/projects/{project}/queue"))).AsArray());
        await using var check = Platform.Scope(out var after);
        var audit = await after.AuditEntries.Where(e => e.StudyId == study && e.Action == "annotation.adjudicated").SingleAsync();
        Assert.Equal("reviewer-1", audit.Actor);
        Assert.Contains("good=no", audit.Detail);
    }

    [Fact]
    public async Task AnAdjudicationTheFormDoesNotAllowIsRefusedByPosition()
    {
        var (_, project) = await fixture.RatedAsync(1, (a, _) => (a == 0 ? "no" : "yes", "3"));
        var itemId = (await JsonAsync(await fixture.Reviewer.GetAsync($"/api/v1/review/projects/{project}/queue"))).AsArray()[0]!["itemId"]!;

        var refused = await PostAsync(fixture.Reviewer, $"/api/v1/review/items/{itemId}/adjudication",
            new { values = new[] { new { itemKey = "clear", value = "9" } } });

        Assert.Contains("values[0]", (await JsonAsync(refused, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task ExcludingAnAnnotatorRemovesTheirRatingsFromAgreementAndRequeuesTheirItemsButKeepsThemFlaggedInTheExport()
    {
        // Raters 1 and 2 agree on every item; rater 3 contradicts them, so alpha rises once rater 3 is excluded.
        var (study, project) = await fixture.RatedAsync(6, (a, i) => a == 2 ? (i % 2 == 0 ? "no" : "yes", "1") : (i % 2 == 0 ? "yes" : "no", "5"));
        var agreement = $"/api/v1/admin/studies/{study}/annotation/projects/{project}/agreement";
        var before = (await JsonAsync(await fixture.Researcher.GetAsync(agreement)))["questions"]![0]!["estimate"]!;
        var annotators = (await JsonAsync(await fixture.Researcher.GetAsync($"/api/v1/admin/studies/{study}/annotation/projects/{project}/annotators"))).AsArray();
        var outlier = annotators.Single(a => a!["who"]!.GetValue<string>() == "rater-3")!;
        Assert.Equal(0, outlier["agreementWithOthers"]!.GetValue<double>());

        var excluded = await PostAsync(fixture.Researcher, $"/api/v1/admin/studies/{study}/annotation/projects/{project}/annotators/{outlier["annotatorId"]}/exclusion",
            new { excluded = true, note = "Answers the opposite of everyone." });

        Assert.Equal(HttpStatusCode.NoContent, excluded.StatusCode);
        var after = (await JsonAsync(await fixture.Researcher.GetAsync(agreement)))["questions"]![0]!["estimate"]!;
        Assert.True(before["alpha"]!.GetValue<double>() < 0);
        Assert.Equal(1, after["alpha"]!.GetValue<double>(), 9);
        // Each item lost one of its three ratings, so it needs one more and is back in the queue.
        Assert.All(await Platform.ItemsAsync(project), x => Assert.Equal((2, 1), (x.Item.Submitted, x.Item.QueueRank)));
        var export = await fixture.Researcher.GetStringAsync($"/api/v1/studies/{study}/annotations");
        var rows = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(36, rows.Count);
        Assert.Equal(12, rows.Count(r => r["excluded"]!.GetValue<bool>()));
        await using var scope = Platform.Scope(out var db);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.StudyId == study && e.Action == "annotation.annotator-excluded"));
    }

    [Fact]
    public async Task AgreementComesWithABootstrapIntervalAroundAlpha()
    {
        var (study, project) = await fixture.RatedAsync(8, (a, i) => (a == 0 && i < 2 ? "no" : i % 3 == 0 ? "no" : "yes", ((i % 5) + 1).ToString()));

        var questions = (await JsonAsync(await fixture.Researcher.GetAsync($"/api/v1/admin/studies/{study}/annotation/projects/{project}/agreement")))["questions"]!.AsArray();

        Assert.Equal(["good", "clear"], questions.Select(q => q!["key"]!.GetValue<string>()));
        Assert.Equal(["nominal", "ordinal"], questions.Select(q => q!["level"]!.GetValue<string>()));
        foreach (var q in questions)
        {
            var e = q!["estimate"]!;
            Assert.InRange(e["alpha"]!.GetValue<double>(), e["lower"]!.GetValue<double>(), e["upper"]!.GetValue<double>());
            Assert.Equal(8, e["units"]!.GetValue<int>());
            Assert.InRange(e["resamples"]!.GetValue<int>(), 900, 1000);
            Assert.NotEmpty(q["curve"]!.AsArray());
        }
    }

    [Fact]
    public async Task AnExportKeyGetsRatingsAndAdjudicationsAsJsonLinesAndCsv()
    {
        var (study, project) = await fixture.RatedAsync(1, (a, _) => (a == 0 ? "no" : "yes", "2"));
        var itemId = (await JsonAsync(await fixture.Reviewer.GetAsync($"/api/v1/review/projects/{project}/queue"))).AsArray()[0]!["itemId"]!;
        await PostAsync(fixture.Reviewer, $"/api/v1/review/items/{itemId}/adjudication", new { values = new[] { new { itemKey = "good", value = "yes" } }, note = "ok" });
        string key;
        await using (var scope = Platform.Factory.Services.CreateAsyncScope())
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", study, [ApiKeyScopes.Export])).Key;
        using var client = Platform.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var jsonl = await client.GetStringAsync($"/api/v1/studies/{study}/annotations");
        var csv = await client.GetAsync($"/api/v1/studies/{study}/annotations?format=csv");
        var adjudications = await client.GetStringAsync($"/api/v1/studies/{study}/adjudications?format=csv");

        var first = JsonNode.Parse(jsonl.Split('\n')[0])!;
        Assert.Equal(itemId.GetValue<string>(), first["itemId"]!.GetValue<string>());
        Assert.Equal("regular", first["role"]!.GetValue<string>());
        Assert.Equal(64, first["projectConfigHash"]!.GetValue<string>().Length);
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType?.ToString());
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,projectId,itemId,annotatorId,annotatorKind,excluded,role,question,turnIndex,value", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Contains(",good,,yes,ok,reviewer-1,", adjudications);
        var other = await Platform.CreateAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/studies/{other.Id}/annotations")).StatusCode);
    }
}
