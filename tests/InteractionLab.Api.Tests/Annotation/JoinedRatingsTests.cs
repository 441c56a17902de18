using System.Text.Json.Nodes;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Annotation;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using static InteractionLab.Api.Tests.Annotation.AnnotationApiTests;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>The joined record of every rating (<c>GET /api/v1/studies/{study}/ratings</c>) on real PostgreSQL and Kestrel.</summary>
public class JoinedRatingsTests(AnnotationApiFixture fixture) : IClassFixture<AnnotationApiFixture>
{
    private static readonly string[] Chat = ["Hi, I just moved here.", "Welcome! What brings you?", "Work.", "What do you do?"];

    [Fact]
    public async Task TheParticipantsOwnRatingAndAnAnnotatorsRatingOfTheSameSessionComeInOneRecordJoinedBySession()
    {
        var (_, study) = await fixture.Platform.CreateAsync();
        var session = await FinishedSessions.AddAsync(fixture.Platform.Factory, study, "warm", Chat);
        var pilot = await FinishedSessions.AddAsync(fixture.Platform.Factory, study, "warm", Chat, simulated: true);
        await using (var scope = fixture.Platform.Scope(out var db))
        {
            db.SurveyResponses.AddRange(
                new SurveyResponse { SessionId = session, StageKey = "rating", ItemKey = "fluency", Value = "4", SubmittedAt = DateTimeOffset.UtcNow },
                new SurveyResponse { SessionId = pilot, StageKey = "rating", ItemKey = "fluency", Value = "1", SubmittedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var project = (await fixture.Platform.ProjectAsync(study, new AnnotationProjectConfig
        {
            Name = "Transcripts", Target = AnnotationTarget.Transcript, Form = AnnotationKit.YesNoForm(), RatersPerItem = 1,
        })).Project;
        var work = (await JsonAsync(await fixture.Annotators[0].PostAsync($"/api/v1/annotation/projects/{project.Id}/next", null)))["work"]!;
        await PostAsync(fixture.Annotators[0], $"/api/v1/annotation/projects/{project.Id}/assignments/{work["assignmentId"]}/submit",
            new { answers = new[] { new { itemKey = "good", value = "yes" } } });

        var lines = (await fixture.Researcher.GetStringAsync($"/api/v1/studies/{study}/ratings")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).ToList();
        var csv = (await fixture.Researcher.GetStringAsync($"/api/v1/studies/{study}/ratings?format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Count); // the pilot's answer is left out; the third is the item's aggregate
        var (own, rated) = (lines[0], lines[1]);
        Assert.Equal(("aggregate", "yes", 1), ((string)lines[2]["source"]!, (string)lines[2]["value"]!, lines[2]["raters"]!.GetValue<int>()));
        Assert.Equal(("participant", session.ToString(), "warm", "fluency", "4"),
            ((string)own["source"]!, (string)own["sessionId"]!, (string)own["condition"]!, (string)own["question"]!, (string)own["value"]!));
        Assert.Equal(("annotator", session.ToString(), "warm", "good", "yes", work["itemId"]!.GetValue<string>()),
            ((string)rated["source"]!, (string)rated["sessionId"]!, (string)rated["condition"]!, (string)rated["question"]!, (string)rated["value"]!, (string)rated["itemId"]!));
        Assert.Equal(own["configHash"]!.GetValue<string>(), rated["configHash"]!.GetValue<string>());
        Assert.Equal(64, rated["projectConfigHash"]!.GetValue<string>().Length);
        Assert.Equal("source,sessionId,condition,configHash,stageKey,turnIndex,artifactKey,itemId,raterId,question,value,excluded,at,projectConfigHash,raters,statistic,adjudicated", csv[0]);
        Assert.Equal(4, csv.Length);
    }

    [Fact]
    public async Task EachItemAndQuestionHasAnAggregateRowByItsLevelCountingOnlyIncludedRatersWithTheAdjudicatedValue()
    {
        // (good, clear) per annotator on text 1: (yes, 5) (yes, 1) (no, 4); on text 2: (no, 2) (yes, 5) (no, 3).
        string[][] good = [["yes", "yes", "no"], ["no", "yes", "no"]];
        string[][] clear = [["5", "1", "4"], ["2", "5", "3"]];
        var (study, project) = await fixture.RatedAsync(2, (a, i) => (good[i][a], clear[i][a]));
        Dictionary<string, int> texts;
        await using (var scope = fixture.Platform.Scope(out var db))
            texts = (await db.AnnotationItems.Where(i => i.ProjectId == project).ToListAsync())
                .ToDictionary(i => i.PublicId.ToString(), i => JsonNode.Parse(i.ContentJson)!["text"]!.GetValue<string>().Contains("number 1.", StringComparison.Ordinal) ? 0 : 1);

        async Task<Dictionary<(int, string), JsonNode>> AggregatesAsync() =>
            (await fixture.Researcher.GetStringAsync($"/api/v1/studies/{study}/ratings")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonNode.Parse(l)!).Where(r => (string)r["source"]! == "aggregate")
                .ToDictionary(r => (texts[(string)r["itemId"]!], (string)r["question"]!));
        static (string, string, int, string?) Cell(JsonNode r) =>
            ((string)r["value"]!, (string)r["statistic"]!, r["raters"]!.GetValue<int>(), (string?)r["adjudicated"]);

        // All three: yes/yes/no → mode yes; 5, 1, 4 → median 4; no/yes/no → mode no; 2, 5, 3 → median 3.
        var all = await AggregatesAsync();
        Assert.Equal(4, all.Count);
        Assert.Equal(("yes", "mode", 3, null), Cell(all[(0, "good")]));
        Assert.Equal(("4", "median", 3, null), Cell(all[(0, "clear")]));
        Assert.Equal(("no", "mode", 3, null), Cell(all[(1, "good")]));
        Assert.Equal(("3", "median", 3, null), Cell(all[(1, "clear")]));

        // Rater 3 excluded: yes/yes → yes; 5, 1 → median 3; no/yes → a tie, no mode; 2, 5 → median 3.5. A reviewer
        // settles text 2's "good" at no, which the aggregate row carries beside the raters' (tied) aggregate.
        var annotators = (await JsonAsync(await fixture.Researcher.GetAsync($"/api/v1/admin/studies/{study}/annotation/projects/{project}/annotators"))).AsArray();
        var third = annotators.Single(a => a!["who"]!.GetValue<string>() == "rater-3")!["annotatorId"]!.GetValue<string>();
        await PostAsync(fixture.Researcher, $"/api/v1/admin/studies/{study}/annotation/projects/{project}/annotators/{third}/exclusion", new { excluded = true, note = "test" });
        var second = texts.Single(t => t.Value == 1).Key;
        await PostAsync(fixture.Reviewer, $"/api/v1/review/items/{second}/adjudication", new { values = new[] { new { itemKey = "good", value = "no" } }, note = "No." });

        var after = await AggregatesAsync();
        Assert.Equal(("yes", "mode", 2, null), Cell(after[(0, "good")]));
        Assert.Equal(("3", "median", 2, null), Cell(after[(0, "clear")]));
        Assert.Equal(("", "mode (tie)", 2, "no"), Cell(after[(1, "good")]));
        Assert.Equal(("3.5", "median", 2, null), Cell(after[(1, "clear")]));
        var csv = await fixture.Researcher.GetStringAsync($"/api/v1/studies/{study}/ratings?format=csv");
        Assert.Contains(",2,mode (tie),no", csv);
    }
}
