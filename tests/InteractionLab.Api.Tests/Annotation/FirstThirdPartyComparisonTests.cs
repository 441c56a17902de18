using System.Text.Json;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Quality;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Summarization;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>The participants' own summary judgements beside the raters' and an LM judge's, on real PostgreSQL.</summary>
public class FirstThirdPartyComparisonTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly string[] Chat = ["Hi.", "Hello!"];

    [Fact]
    public async Task TheParticipantsAndTheRatersConsistentOnOriginalAndEditedSummariesComeSideBySidePerCondition()
    {
        var (study, sessions) = await RatedStudyAsync();
        var comparison = await platform.Get<FirstThirdPartyComparison>().ComputeAsync(study, sessions.Values.ToHashSet(), ["warm", "cool"], resamples: 200);

        var question = Assert.Single(comparison.Questions);
        Assert.Equal(("consistent", true, 1.0), (question.Key, question.IsShare, question.ScaleMax));
        var (warm, cool) = (question.Cells[0], question.Cells[1]);
        // Units are (session, summary); yes = 1. Warm: w1 original, w1 edited, w2 original, w2 edited.
        // Participant [1, 0, 1, 1]: mean 0.75; squared deviations 0.0625 + 0.5625 + 0.0625 + 0.0625 = 0.75, /3 = 0.25, SD 0.5, SE 0.5/√4 = 0.25.
        Assert.Equal((4, 0.75, 0.25), (warm.Participant.N, warm.Participant.Mean, Math.Round(warm.Participant.StandardError, 6)));
        // Annotators' per-unit means [1, 0, (1+0)/2, 1] = [1, 0, 0.5, 1]: mean 0.625; squared deviations 0.140625 + 0.390625 + 0.015625
        // + 0.140625 = 0.6875, /3 = 0.2291667, SD 0.4787136, SE 0.2393568.
        Assert.Equal((4, 0.625, 0.239357), (warm.Annotators.N, warm.Annotators.Mean, Math.Round(warm.Annotators.StandardError, 6)));
        // Cool: c1 original, c1 edited, c2 original, c2 edited. Participant and both annotators [0, 1, 1, 0]: mean 0.5; squared
        // deviations 4 × 0.25 = 1, /3 = 0.3333, SD 0.5773503, SE 0.5773503/2 = 0.2886751.
        Assert.Equal((4, 0.5, 0.288675), (cool.Participant.N, cool.Participant.Mean, Math.Round(cool.Participant.StandardError, 6)));
        Assert.Equal((4, 0.5, 0.288675), (cool.Annotators.N, cool.Annotators.Mean, Math.Round(cool.Annotators.StandardError, 6)));
        // The LM judge said yes to all: mean 1, SD 0, SE 0, in both conditions.
        Assert.All(question.Cells, c => Assert.Equal((4, 1.0, 0.0), (c.Judges.N, c.Judges.Mean, c.Judges.StandardError)));
        // Agreement: w2 original is a 1–1 tie between the annotators (no aggregate), so 7 units remain, in each of which the participant
        // and the annotators' majority agree: observed disagreement 0, expected > 0 (both values occur), alpha = 1 − 0/De = 1.
        Assert.Equal((7, 1.0), (question.Agreement.Units, question.Agreement.Alpha));
    }

    [Fact]
    public async Task TheComparisonIsServedOverRestAsJsonAndAsCsvWithMeansAndAlpha()
    {
        var (study, _) = await RatedStudyAsync();
        using var researcher = await platform.Factory.SignedInClientAsync(Api.Staff.StaffRoles.Researcher, "comparer");
        await using (var scope = platform.Scope(out var db))
            await db.Studies.Where(s => s.Id == study).ExecuteUpdateAsync(s => s.SetProperty(x => x.Owner, "comparer"));

        // Conditions by key (cool, warm); the same numbers as the page's (worked out in the test above).
        var json = System.Text.Json.Nodes.JsonNode.Parse(await researcher.GetStringAsync($"/api/v1/studies/{study}/ratings/comparison"))!;
        Assert.Equal(["cool", "warm"], json["conditions"]!.AsArray().Select(c => c!.GetValue<string>()));
        var question = Assert.Single(json["questions"]!.AsArray())!;
        Assert.Equal((1.0, 7), (question["agreement"]!["alpha"]!.GetValue<double>(), question["agreement"]!["units"]!.GetValue<int>()));
        var warm = question["cells"]![1]!;
        Assert.Equal((4, 0.625), (warm["annotators"]!["n"]!.GetValue<int>(), warm["annotators"]!["mean"]!.GetValue<double>()));

        var csv = (await researcher.GetStringAsync($"/api/v1/studies/{study}/ratings/comparison?format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("question,condition,source,n,mean,se,alpha,alphaLower,alphaUpper,alphaUnits", csv[0]);
        Assert.Equal(1 + 2 * 3, csv.Length);
        // Warm annotators: mean 0.625, SE 0.2393568 (above); alpha 1 over 7 units, its interval [1, 1] (no resample disagrees).
        Assert.StartsWith("consistent,warm,annotators,4,0.625,0.239356", csv.Single(l => l.StartsWith("consistent,warm,annotators", StringComparison.Ordinal)));
        Assert.All(csv.Skip(1), l => Assert.EndsWith(",1,1,1,7", l));
        var refused = await researcher.GetAsync($"/api/v1/studies/{study}/ratings/comparison?format=xlsx");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }

    // Four finished sessions (two per condition) with summaries, rated by two annotators and one rater turned LM judge.
    private async Task<(Guid Study, Dictionary<string, SessionId> Sessions)> RatedStudyAsync()
    {
        var (_, study) = await platform.CreateAsync(FinishedSessions.WithSummaryStage);
        var sessions = new Dictionary<string, SessionId>();
        foreach (var name in new[] { "w1", "w2", "c1", "c2" })
            sessions[name] = await FinishedSessions.AddAsync(platform.Factory, study, name[0] == 'w' ? "warm" : "cool", Chat,
                summaries: [("harbour-ferry", "The ferry is back.", "The island ferry is back after repairs.")]);
        // The participant said yes to every criterion (FinishedSessions) and then changed their mind here (the last judgement counts).
        await JudgeAgainAsync(sessions["w1"], SummarizationEvents.RateEdited);
        await JudgeAgainAsync(sessions["c1"], SummarizationEvents.RateOriginal);
        await JudgeAgainAsync(sessions["c2"], SummarizationEvents.RateEdited);

        // The raters' coherence is a 1–5 scale: the participant's yes/no coherent does not fit it and is not compared.
        var form = new SurveyConfig([
            new SurveyItem("consistent", SurveyItemKind.YesNo, "Is the summary consistent with the document?"),
            new SurveyItem("coherent", SurveyItemKind.Likert, "How coherent?", 1, 5)]);
        var project = (await platform.ProjectAsync(study, new AnnotationProjectConfig
        {
            Name = "Summaries", Target = AnnotationTarget.Summary, Form = form, RatersPerItem = 3,
        })).Project;
        var items = (await platform.ItemsAsync(project.Id)).ToDictionary(x => x.Item.PublicId,
            x => (Session: sessions.Single(s => s.Value == x.Item.SessionId).Key, Artifact: x.Item.ArtifactKey!.Split(':')[1]));
        Assert.Equal(8, items.Count);
        var raters = await platform.AnnotatorsAsync(project.Id, 3);
        var queue = platform.Get<AnnotationQueue>();
        var submissions = platform.Get<AnnotationSubmissions>();
        for (var a = 0; a < 3; a++)
            while ((await queue.NextAsync(raters[a])).Work is { } work)
            {
                var (session, artifact) = items[work.ItemId];
                // Rater 0 agrees with the participant; rater 1 too, except "no" on w2's original; rater 2 (the LM judge) says yes to all.
                var own = !((session, artifact) is ("w1", "edited") or ("c1", "original") or ("c2", "edited"));
                var consistent = a switch { 2 => true, 1 when (session, artifact) == ("w2", "original") => false, _ => own };
                await submissions.SubmitAsync(raters[a], work.AssignmentId,
                    new AnnotationSubmission([new SurveyAnswer("consistent", consistent ? "yes" : "no"), new SurveyAnswer("coherent", "4")]));
            }
        await using (var scope = platform.Scope(out var db))
            await db.Annotators.Where(n => n.Id == raters[2]).ExecuteUpdateAsync(n => n.SetProperty(x => x.Kind, AnnotatorKind.Model));
        return (study, sessions);

    }

    // A later judgement of the document's draft or edited summary: consistent = no, the rest yes.
    private async Task JudgeAgainAsync(SessionId session, string type)
    {
        await using var scope = platform.Scope(out var db);
        var payload = JsonSerializer.SerializeToNode(new SummarizationEvents.RatingPayload("harbour-ferry", false, true, true), TaskEventLog.Json)!.AsObject();
        payload["stage"] = "summarize";
        db.TraceEvents.Add(new TraceEvent
        {
            SessionId = session, Origin = TraceOrigin.Server, Sequence = 50, ServerTime = DateTimeOffset.UtcNow, Type = type,
            Payload = payload.ToJsonString(), StageKey = "summarize",
        });
        await db.SaveChangesAsync();
    }
}
