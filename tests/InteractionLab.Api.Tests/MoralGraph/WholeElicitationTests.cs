using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Api.MoralGraph.Voting;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tests.MoralGraph.Interview;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain;
using InteractionLab.Domain.MoralGraph;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using InteractionLab.Testing.LanguageModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.MoralGraph;

/// <summary>
/// Moral Graph Elicitation in one go on real PostgreSQL: participants are interviewed by a model that calls tools (the
/// scripted OpenAI-compatible server) and submit cards; a model writes a wiser-than story; the researcher approves
/// it; a participant votes on it; the graph ranks the values by that vote.
/// </summary>
public sealed class WholeElicitationTests(InterviewPlatform platform) : IClassFixture<InterviewPlatform>
{
    private const string Owner = "tester";
    private const string Question = "friend-grieving";
    private const string Imported = "other-platform-1";

    private async Task<(string Slug, Guid Id)> StudyAsync()
    {
        var interview = InterviewStudy.Config(InterviewPlatform.Scripted);
        var voting = new StageConfig("vote", StageKind.Task, "Which is wiser?", Task: new TaskConfig(MoralVotingTask.TaskKey,
            Settings: new Dictionary<string, string> { [MoralVotingTask.VotesSetting] = "1", [MoralVotingTask.SkipOwnSetting] = "false" }));
        var config = interview with { Stages = [.. interview.Stages.SkipLast(1), voting, interview.Stages[^1]] };
        var slug = "w" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = platform.Scope(out var db);
        return (slug, (await PlatformSeeder.CreateStudyAsync(db, slug, Owner, config, StudyStatus.Open, TimeProvider.System)).Id);
    }

    // Interviewed to a submitted card; returns the card's canonical value.
    private async Task<string> InterviewAsync(SessionId id)
    {
        var chat = (await platform.Interviews.StartAsync(id, InterviewStudy.StageKey, Question)).Chat!.Id;
        await platform.SendAsync(id, chat, "She keeps cancelling and I feel hurt.");
        Assert.True((await platform.SendAsync(id, chat, "I notice she needs quiet. I think I am ready to see my card.")).CardShown);
        Assert.True((await platform.SendAsync(id, chat, "Yes, that is it, please submit it.")).Submitted);
        await using var scope = platform.Scope(out var db);
        return (await db.ValuesCards.AsNoTracking().SingleAsync(c => c.ChatId == chat)).ValueId;
    }

    [Fact]
    public async Task AnInterviewedValueIsJudgedWiserInAnApprovedStoryAndTheGraphRanksItFirst()
    {
        var (slug, studyId) = await StudyAsync();
        var researcher = StaffPlatform.User(Owner);
        var first = await platform.ParticipantAsync(slug);
        var value = await InterviewAsync(first);

        // A value from another platform's study for the same question, so that there is a pair to write a story about.
        await using (var scope = platform.Scope(out _))
            await scope.ServiceProvider.GetRequiredService<MoralGraphService>().ImportAsync(researcher, studyId, $$"""
                { "values": [ { "id": "{{Imported}}", "questionId": "{{Question}}", "title": "Keeping plans as promised",
                  "description": "Holding friends to what was agreed.", "policies": ["PROMISES that were made together"] } ] }
                """);

        // The story writer: groups both values under the given context, then writes one story from the other value to ours.
        await using var writer = await ScriptedOpenAiServer.StartAsync(server => server.Otherwise(call =>
            call.System.Contains("list the ids of the cards", StringComparison.Ordinal)
                ? $$"""{"contexts": [{"context": "When in distress", "valueIds": ["{{Imported}}", "{{value}}"]}]}"""
                : $$"""{"hypotheses": [{"fromValueId": "{{Imported}}", "toValueId": "{{value}}", "story": "I used to hold her to our plans. Now I notice when she needs quiet."}]}"""));
        var endpoint = "writer" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = platform.Scope(out var db))
        {
            db.ModelEndpoints.Add(new ModelEndpoint { Name = endpoint, BaseUrl = writer.BaseUrl, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var generator = platform.Factory.Services.GetRequiredService<HypothesisGenerator>();
        var job = await generator.StartAsync(researcher, studyId, new HypothesisGenerationRequest(Question, endpoint, "stories", ["When in distress"]));
        var generated = await generator.EndedAsync(studyId, job.Id, TimeSpan.FromMinutes(2));
        Assert.True(generated.Status == GenerationStatus.Succeeded, generated.Message);
        await using (var scope = platform.Scope(out _))
        {
            var review = scope.ServiceProvider.GetRequiredService<HypothesisService>();
            var drafts = await review.ListAsync(researcher, studyId);
            Assert.Equal(1, await review.DecideAsync(researcher, studyId, drafts.Select(d => d.Id).ToList(), approve: true));
        }

        // A second participant is interviewed (their identical card joins the same value), then votes.
        var second = await platform.ParticipantAsync(slug);
        Assert.Equal(value, await InterviewAsync(second));
        await using (var scope = platform.Scope(out _))
        {
            var sessions = scope.ServiceProvider.GetRequiredService<ParticipantSessionService>();
            Assert.Equal("vote", (await sessions.CompleteStageAsync(second, InterviewStudy.StageKey)).Stage.Key);
            var task = await platform.Factory.Services.GetRequiredService<TaskSessions>().OpenAsync(second, "vote");
            var voting = platform.Factory.Services.GetRequiredService<MoralVoting>();
            var state = await voting.StateAsync(task);
            var story = state.Current!;
            Assert.Equal(("Keeping plans as promised", "When in distress"), (story.From.Title, story.Context));
            state = await voting.VoteAsync(task, story.HypothesisId, VoteChoice.Wiser, "Quiet is what she needs now.");
            // Their own value's place in the graph is asked about once voting is over.
            Assert.Equal(value, state.Position!.ValueId);
            state = await voting.AnswerPositionAsync(task, 5, "It belongs on top.");
            Assert.True(state.Done);
            Assert.Equal(SessionStatus.Completed, (await sessions.CompleteStageAsync(second, "vote")).Status);
        }

        await using (var scope = platform.Scope(out _))
        {
            // One vote: the published thresholds want two wiser votes, so this pilot-sized check asks for one.
            var graph = await scope.ServiceProvider.GetRequiredService<MoralGraphService>().BuildAsync(researcher, studyId,
                options: MoralGraphOptions.Published with { Thresholds = new GraphThresholds(MinWiserVotes: 1) });
            var edge = Assert.Single(graph.Edges);
            Assert.Equal((Imported, value, new EdgeCounts(1, 0, 0, 0, 1), 1.0), (edge.SourceValueId, edge.WiserValueId, edge.Counts, edge.WiserLikelihood));
            Assert.Equal([value, Imported], graph.Values.Select(v => v.Id));
            Assert.True(graph.Values[0].Rank > graph.Values[1].Rank);
        }
    }
}
