using System.Net.Http.Headers;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Simulation;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Api.Tests.Registry;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Simulation;

public sealed class SimulationTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private SimulationRuns Runs => platform.Factory.Services.GetRequiredService<SimulationRuns>();

    private Task<SimulationRunView> FinishedAsync(SimulationRunView run, TimeSpan timeout) => Runs.EndedAsync(run.Id, timeout);

    private async Task<List<JsonElement>> ExportAsync(Guid studyId, string what, string key, bool includeSimulated)
    {
        var client = platform.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var body = await client.GetStringAsync($"/api/v1/studies/{studyId}/{what}" + (includeSimulated ? "?includeSimulated=true" : ""));
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public async Task ThreeSimulatedParticipantsCompleteTheDemoStudyFlaggedAndLeftOutOfExportsByDefault()
    {
        var (slug, studyId) = await platform.CreateAsync();
        var real = await platform.Factory.ConsentAsync(slug);

        var run = await Runs.StartAsync(StaffMember.Researcher("tester"),
            new SimulationRequest(studyId, 3, new ModelRef("local", "demo-chat"), SimulationRequest.DefaultPersonas));
        var result = await FinishedAsync(run, TimeSpan.FromMinutes(3));

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
        Assert.Equal((3, 0, 3), (result.Completed, result.Failed, result.Done));
        await using (var scope = platform.Scope(out var db))
        {
            var simulated = await db.Sessions.Where(s => s.StudyId == studyId && s.IsSimulated).ToListAsync();
            Assert.Equal(3, simulated.Count);
            Assert.All(simulated, s => Assert.Equal(SessionStatus.Completed, s.Status));
            var ids = simulated.Select(s => s.ParticipantId).ToList();
            var external = await db.ParticipantExternalIds.Where(x => ids.Contains(x.ParticipantId)).Select(x => x.ExternalParticipantId).ToListAsync();
            Assert.Equal(3, external.Count);
            Assert.All(external, x => Assert.StartsWith("sim-", x));
            var sessionIds = simulated.Select(s => s.Id).ToList();
            // Each walked the chat (the task's minimum of messages, each answered) and both surveys.
            var turns = await db.Turns.Where(t => sessionIds.Contains(t.SessionId)).ToListAsync();
            Assert.All(sessionIds, id => Assert.Equal(3, turns.Count(t => t.SessionId == id && t.Role == TurnRole.Participant)));
            var answers = await db.SurveyResponses.Where(r => sessionIds.Contains(r.SessionId) && r.StageKey == "rating").ToListAsync();
            Assert.All(sessionIds, id => Assert.Equal(5, answers.Count(r => r.SessionId == id && r.ItemKey != "comments")));
            Assert.All(answers.Where(r => r.ItemKey != "comments"), r => Assert.InRange(int.Parse(r.Value), 1, 5));
            Assert.False((await db.Sessions.SingleAsync(s => s.Id == real.SessionId)).IsSimulated);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "simulation.start" && a.StudyId == studyId));
        }

        string key;
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", studyId, [ApiKeyScopes.Export])).Key;
        var sessions = await ExportAsync(studyId, "sessions", key, includeSimulated: false);
        Assert.Equal(real.SessionId.ToString(), Assert.Single(sessions).GetProperty("sessionId").GetString());
        Assert.Empty(await ExportAsync(studyId, "surveys", key, includeSimulated: false));
        Assert.Empty(await ExportAsync(studyId, "turns", key, includeSimulated: false));
        var all = await ExportAsync(studyId, "sessions", key, includeSimulated: true);
        Assert.Equal(4, all.Count);
        Assert.Equal(3, all.Count(s => s.GetProperty("simulated").GetBoolean()));
        Assert.NotEmpty(await ExportAsync(studyId, "surveys", key, includeSimulated: true));
        Assert.NotEmpty(await ExportAsync(studyId, "turns", key, includeSimulated: true));
    }

    [Fact]
    public async Task StartIsRefusedForBadSettingsAndForStudiesTheResearcherCannotManage()
    {
        var (_, studyId) = await platform.CreateAsync();
        var local = new ModelRef("local", "demo-chat");

        var tooMany = await Assert.ThrowsAsync<PlatformProblemException>(() => Runs.StartAsync(StaffMember.Researcher("tester"), new SimulationRequest(studyId, 51, local, ["a"])));
        var noPersona = await Assert.ThrowsAsync<PlatformProblemException>(() => Runs.StartAsync(StaffMember.Researcher("tester"), new SimulationRequest(studyId, 2, local, [" "])));
        var notTheirs = await Assert.ThrowsAsync<PlatformProblemException>(() => Runs.StartAsync(StaffMember.Researcher("mallory"), new SimulationRequest(studyId, 2, local, ["a"])));

        Assert.Equal(400, tooMany.Status);
        Assert.Contains("Count", tooMany.Errors.Keys);
        Assert.Contains("Personas", noPersona.Errors.Keys);
        Assert.Equal(404, notTheirs.Status);
        Assert.Null(await Runs.LatestAsync(studyId));
    }

    [Fact]
    public async Task ABlankPersonaEndpointAndModelAreEachRefusedAtTheirOwnPathWithTheWordsTheSimulatePageShows()
    {
        var (_, studyId) = await platform.CreateAsync();

        var refusal = await Assert.ThrowsAsync<PlatformProblemException>(() => Runs.StartAsync(StaffMember.Researcher("tester"),
            new SimulationRequest(studyId, 0, new ModelRef(" ", ""), ["a"])));

        Assert.Equal(400, refusal.Status);
        Assert.Equal(["Count", "PersonaModel.Endpoint", "PersonaModel.Model"], refusal.Errors.Keys.Order());
        Assert.Equal(["Enter the endpoint of the persona model."], refusal.Errors[SimulationRuns.PersonaEndpointPath]);
        Assert.Equal(["Enter the persona model."], refusal.Errors[SimulationRuns.PersonaModelPath]);
        Assert.Equal(["Choose between 1 and 50 simulated participants."], refusal.Errors["Count"]);
        Assert.Null(await Runs.LatestAsync(studyId));
    }

    [Fact]
    public async Task SimulatedParticipantsAreNotHeldByAStageMinimumTimeThatStillHoldsRealOnes()
    {
        var (slug, studyId) = await platform.CreateAsync(c => c with
        {
            Stages = c.Stages.Select(s => s.Kind == StageKind.Instructions ? s with { MinSeconds = 60 } : s).ToList(),
        });
        var real = await platform.Factory.ConsentAsync(slug);

        var run = await Runs.StartAsync(StaffMember.Researcher("tester"),
            new SimulationRequest(studyId, 1, new ModelRef("local", "demo-chat"), SimulationRequest.DefaultPersonas));
        var result = await FinishedAsync(run, TimeSpan.FromMinutes(2));
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var held = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(real.SessionId, "instructions"));

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
        Assert.Equal((1, 0), (result.Completed, result.Failed));
        var db = scope.ServiceProvider.GetRequiredService<InteractionLab.Api.Data.PlatformDbContext>();
        var simulated = await db.Sessions.SingleAsync(x => x.StudyId == studyId && x.IsSimulated);
        Assert.Equal(SessionStatus.Completed, simulated.Status);
        // Well within the minute the instructions ask of a real participant, who is still held there.
        Assert.True(simulated.CompletedAt - simulated.StartedAt < TimeSpan.FromSeconds(60));
        Assert.Equal(409, held.Status);
        Assert.Contains("at least 60 seconds", held.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SurveyItemKind.Likert, "I'd say 4 out of 5", "4")]
    [InlineData(SurveyItemKind.Likert, "maybe 9", null)]
    [InlineData(SurveyItemKind.YesNo, "Yes, definitely.", "yes")]
    [InlineData(SurveyItemKind.YesNo, "yes and no", null)]
    [InlineData(SurveyItemKind.MultipleChoice, "Probably the blue one", "blue")]
    [InlineData(SurveyItemKind.Slider, "60", "60")]
    [InlineData(SurveyItemKind.Slider, "65", null)]
    public void PersonaAnswersAreParsedToValidValuesOrRefused(SurveyItemKind kind, string said, string? expected)
    {
        var item = kind == SurveyItemKind.Slider
            ? new SurveyItem("q", kind, "How much?", 0, 100, Step: 10)
            : new SurveyItem("q", kind, "Which?", Options: ["red", "blue"]);

        Assert.Equal(expected, SimulatedParticipant.Parse(item, said));
        var random = SimulatedParticipant.RandomAnswer(item);
        Assert.NotNull(SimulatedParticipant.Parse(item, random)); // the fallback is itself a valid answer
    }
}
