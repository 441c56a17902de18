using System.Text.Json.Nodes;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Annotation;
using InteractionLab.Testing;
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

        Assert.Equal(2, lines.Count); // the pilot's answer is left out
        var (own, rated) = (lines[0], lines[1]);
        Assert.Equal(("participant", session.ToString(), "warm", "fluency", "4"),
            ((string)own["source"]!, (string)own["sessionId"]!, (string)own["condition"]!, (string)own["question"]!, (string)own["value"]!));
        Assert.Equal(("annotator", session.ToString(), "warm", "good", "yes", work["itemId"]!.GetValue<string>()),
            ((string)rated["source"]!, (string)rated["sessionId"]!, (string)rated["condition"]!, (string)rated["question"]!, (string)rated["value"]!, (string)rated["itemId"]!));
        Assert.Equal(own["configHash"]!.GetValue<string>(), rated["configHash"]!.GetValue<string>());
        Assert.Equal(64, rated["projectConfigHash"]!.GetValue<string>().Length);
        Assert.Equal("source,sessionId,condition,configHash,stageKey,turnIndex,artifactKey,itemId,raterId,question,value,excluded,at,projectConfigHash", csv[0]);
        Assert.Equal(3, csv.Length);
    }
}
