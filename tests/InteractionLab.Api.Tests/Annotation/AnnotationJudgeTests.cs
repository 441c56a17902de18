using System.Net;
using System.Text.Json.Nodes;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Registry;
using InteractionLab.Api.Tests.Registry;
using InteractionLab.Domain.Annotation;
using InteractionLab.Testing;
using InteractionLab.Testing.LanguageModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InteractionLab.Api.Tests.Annotation.AnnotationApiTests;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>
/// LM judges over REST on real PostgreSQL, Hangfire and Kestrel: a registry model (the scripted OpenAI-compatible
/// server) rates a project's items as a background job, its ratings are stored as a model rater's, the raw answers,
/// seed and prompt hash are kept, and its agreement with the humans comes from the same alpha machinery.
/// </summary>
public class AnnotationJudgeTests(AnnotationApiFixture fixture) : IClassFixture<AnnotationApiFixture>
{
    [Fact]
    public async Task AnLmJudgeRatesEveryItemAsAModelRaterAndItsAgreementWithTheHumansIsComputedLikeTheirs()
    {
        // Humans: "good" yes on texts 1–2, no on 3–4; "clear" 4 everywhere.
        var (study, project) = await fixture.RatedAsync(4, (_, item) => (item < 2 ? "yes" : "no", "4"));
        var judgeScript = new InterviewerScript();
        await using var scripted = await ScriptedOpenAiServer.StartAsync(judgeScript.AddTo);
        // The judge agrees on texts 1–3 (answers written as models write them: a number, "No") and answers text 4 with
        // something that is not the form's JSON.
        judgeScript.Judge = item => item.Contains("Text number 4.", StringComparison.Ordinal) ? "I think it is good."
            : item.Contains("Text number 3.", StringComparison.Ordinal) ? """{"good": "No", "clear": 4}""" : "```json\n{\"good\": \"yes\", \"clear\": \"4\"}\n```";
        var endpoint = "judge-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Platform.Factory.Services.GetRequiredService<ModelRegistryService>().CreateAsync(StaffMember.Admin, new ModelEndpointInput
        {
            Name = endpoint, BaseUrl = scripted.BaseUrl, DefaultModels = "judge-m", MaxConcurrentRequests = 4, TimeoutSeconds = 60, Enabled = true,
        });
        var judges = $"/api/v1/admin/studies/{study}/annotation/projects/{project}/judges";

        var started = await JsonAsync(await PostAsync(fixture.Researcher, judges, new { endpoint, model = "judge-m", seed = 7 }), HttpStatusCode.Accepted);
        var run = await Poll.UntilAsync(async () => await JsonAsync(await fixture.Researcher.GetAsync($"{judges}/{started["jobId"]}")),
            v => v["state"]!.GetValue<string>() is "succeeded" or "failed", TimeSpan.FromSeconds(60), "the judge run to end");

        Assert.Equal(("succeeded", 3, 4, 1), (run["state"]!.GetValue<string>(), run["done"]!.GetValue<int>(), run["total"]!.GetValue<int>(), run["unreadable"]!.GetValue<int>()));
        Assert.Contains("1 item(s)", run["message"]!.GetValue<string>());
        var calls = scripted.Requests.ToList();
        Assert.Equal(4, calls.Count);
        Assert.All(calls, c => Assert.Equal((7, 0.0), (c["seed"]!.GetValue<int>(), c["temperature"]!.GetValue<double>())));
        Assert.Contains("- \"good\": Is it good? Allowed: \"yes\" or \"no\".", (string?)calls[0]["messages"]![0]!["content"]);
        await using (var scope = fixture.Platform.Scope(out var db))
        {
            var judge = await db.Annotators.SingleAsync(a => a.ProjectId == project && a.Kind == AnnotatorKind.Model);
            Assert.Equal(($"{endpoint}/judge-m", 7, JudgePrompt.TemplateHash), (judge.Model, judge.JudgeSeed, judge.JudgePromptHash));
            var answers = await db.AnnotationAssignments.Where(a => a.AnnotatorId == judge.Id).Select(a => a.ModelAnswer).ToListAsync();
            Assert.Contains("""{"good":"No","clear":4}""", answers); // as the pipeline tidied it
            var values = await db.AnnotationRatings.Where(r => r.AnnotatorId == judge.Id).Select(r => r.QuestionKey + "=" + r.Value).ToListAsync();
            Assert.Equal(["clear=4", "clear=4", "clear=4", "good=no", "good=yes", "good=yes"], values.Order());
        }

        // The humans' own agreement, counts and review queue are as before; the judge's agreement with them is alpha 1
        // on the 3 units it rated (it gave each the humans' majority).
        var human = (await JsonAsync(await fixture.Researcher.GetAsync($"/api/v1/admin/studies/{study}/annotation/projects/{project}/agreement")))["questions"]![0]!;
        Assert.Equal(4, human["estimate"]!["units"]!.GetValue<int>());
        var view = await JsonAsync(await fixture.Researcher.GetAsync($"/api/v1/admin/studies/{study}/annotation/projects/{project}"));
        Assert.Equal(12, view["counts"]!["ratings"]!.GetValue<int>());
        Assert.Empty((await JsonAsync(await fixture.Reviewer.GetAsync($"/api/v1/review/projects/{project}/queue"))).AsArray());
        var agreement = Assert.Single((await JsonAsync(await fixture.Researcher.GetAsync($"{judges}/agreement"))).AsArray())!;
        Assert.Equal(($"{endpoint}/judge-m", 3), (agreement["model"]!.GetValue<string>(), agreement["items"]!.GetValue<int>()));
        var good = agreement["questions"]!.AsArray().Single(q => q!["key"]!.GetValue<string>() == "good")!["estimate"]!;
        Assert.Equal((1.0, 3), (good["alpha"]!.GetValue<double>(), good["units"]!.GetValue<int>()));

        // Every call is recorded with its sample, the unreadable one too, so a researcher sees why text 4 has no rating.
        var samples = await JsonAsync(await fixture.Researcher.GetAsync($"{judges}/samples?model={endpoint}/judge-m"));
        Assert.Equal(4, samples["total"]!.GetValue<int>());
        var unreadable = Assert.Single(samples["samples"]!.AsArray(), x => !x!["readable"]!.GetValue<bool>())!;
        Assert.Equal("I think it is good.", unreadable["answer"]!.GetValue<string>());
        Assert.Contains("Text number 4.", unreadable["call"]!["user"]!.GetValue<string>());
        Assert.Equal((7, (string?)calls[0]["messages"]![0]!["content"]), (unreadable["call"]!["seed"]!.GetValue<int>(), unreadable["call"]!["system"]!.GetValue<string>()));

        // A second run asks again only about the item whose answer could not be read, and now rates it.
        judgeScript.Judge = _ => """{"good": "no", "clear": 4}""";
        var again = await JsonAsync(await PostAsync(fixture.Researcher, judges, new { endpoint, model = "judge-m", seed = 7 }), HttpStatusCode.Accepted);
        var second = await Poll.UntilAsync(async () => await JsonAsync(await fixture.Researcher.GetAsync($"{judges}/{again["jobId"]}")),
            v => v["state"]!.GetValue<string>() is "succeeded" or "failed", TimeSpan.FromSeconds(60), "the second judge run to end");
        Assert.Equal(("succeeded", 4, 0), (second["state"]!.GetValue<string>(), second["done"]!.GetValue<int>(), second["unreadable"]!.GetValue<int>()));
        Assert.Equal(5, scripted.Requests.Count);
        var runs = (await JsonAsync(await fixture.Researcher.GetAsync(judges))).AsArray();
        Assert.Equal([again["jobId"]!.GetValue<string>(), started["jobId"]!.GetValue<string>()], runs.Select(r => r!["jobId"]!.GetValue<string>()));
        samples = await JsonAsync(await fixture.Researcher.GetAsync($"{judges}/samples"));
        Assert.Equal((4, true), (samples["total"]!.GetValue<int>(), samples["samples"]!.AsArray().All(x => x!["readable"]!.GetValue<bool>())));
    }

    [Fact]
    public async Task TheDemoModelJudgesEveryItemWithItsCallsRecordedAndItsAgreementReadFromWhatItCouldRate()
    {
        var (study, project) = await fixture.RatedAsync(2, (_, item) => (item == 0 ? "yes" : "no", "4"));
        var judges = $"/api/v1/admin/studies/{study}/annotation/projects/{project}/judges";

        // The real ONNX demo model of the in-process engine (random weights), as any registry model is asked.
        var started = await JsonAsync(await PostAsync(fixture.Researcher, judges, new { endpoint = "local", model = "demo-chat", seed = 5 }), HttpStatusCode.Accepted);
        var run = await Poll.UntilAsync(async () => await JsonAsync(await fixture.Researcher.GetAsync($"{judges}/{started["jobId"]}")),
            v => v["state"]!.GetValue<string>() is "succeeded" or "failed", TimeSpan.FromSeconds(120), "the demo judge run to end");

        Assert.Equal(("succeeded", 2), (run["state"]!.GetValue<string>(), run["total"]!.GetValue<int>()));
        var (done, unreadable) = (run["done"]!.GetValue<int>(), run["unreadable"]!.GetValue<int>());
        Assert.Equal(2, done + unreadable);
        var samples = (await JsonAsync(await fixture.Researcher.GetAsync($"{judges}/samples")))["samples"]!.AsArray();
        Assert.Equal(2, samples.Count);
        Assert.All(samples, x =>
        {
            Assert.Equal(("local/demo-chat", 5), (x!["model"]!.GetValue<string>(), x["call"]!["seed"]!.GetValue<int>()));
            Assert.StartsWith("You rate items for a research study", x["call"]!["system"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(x["answer"]!.GetValue<string>()));
        });
        Assert.Equal(done, samples.Count(x => x!["readable"]!.GetValue<bool>()));
        var agreement = Assert.Single((await JsonAsync(await fixture.Researcher.GetAsync($"{judges}/agreement"))).AsArray())!;
        Assert.Equal(("local/demo-chat", done), (agreement["model"]!.GetValue<string>(), agreement["items"]!.GetValue<int>()));
        Assert.Equal(["good", "clear"], agreement["questions"]!.AsArray().Select(q => q!["key"]!.GetValue<string>()));
        Assert.All(agreement["questions"]!.AsArray(), q => Assert.Equal(done, q!["estimate"]!["units"]!.GetValue<int>()));
    }

    [Fact]
    public async Task AJudgeRunWithoutAModelIsRefusedWithTheFieldNamed()
    {
        var (study, project) = await fixture.Platform.ManualProjectAsync(1, k: 1);
        var refused = await PostAsync(fixture.Researcher, $"/api/v1/admin/studies/{study}/annotation/projects/{project}/judges", new { endpoint = "", model = "" });
        Assert.Contains("model", (await JsonAsync(refused, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
    }
}
