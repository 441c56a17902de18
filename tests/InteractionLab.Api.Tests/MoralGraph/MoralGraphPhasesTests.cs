using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Api.MoralGraph.Interview;
using InteractionLab.Api.MoralGraph.Voting;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.MoralGraph;

/// <summary>The phases of a study with interview and voting stages, read from what is stored, on real PostgreSQL.</summary>
public sealed class MoralGraphPhasesTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    [Fact]
    public async Task AStudyMovesFromInterviewsToStoriesToApprovalToVotingAndTheVotingStageIsWarnedAboutUntilAStoryIsApproved()
    {
        var (_, id) = await platform.CreateStudyAsync("mira", StudyStatus.Open, c => c with
        {
            Stages = [.. c.Stages.Where(s => s.Kind is StageKind.Consent or StageKind.Instructions),
                new StageConfig("interview", StageKind.Task, "Your values", Task: new TaskConfig(MoralInterviewTask.TaskKey)),
                new StageConfig("vote", StageKind.Task, "Which is wiser?", Task: new TaskConfig(MoralVotingTask.TaskKey)),
                c.Stages[^1]],
        });
        async Task<MoralGraphProgress> Progress()
        {
            await using var scope = platform.Scope(out _);
            return (await scope.ServiceProvider.GetRequiredService<MoralGraphPhases>().GetAsync(id))!;
        }

        var start = await Progress();
        Assert.Equal(MoralGraphPhase.Interviews, start.Phase);
        Assert.StartsWith("Collect values", start.Next);
        Assert.Equal("The voting stage 'vote' has no approved stories yet: participants who reach it now have nothing to judge and are not asked where their value stands. Approve stories on the Stories page before sending participants there.",
            Assert.Single(start.Warnings));

        await using (var scope = platform.Scope(out _))
            await scope.ServiceProvider.GetRequiredService<MoralGraphService>().ImportAsync(StaffPlatform.User("mira"), id, """
                { "values": [ { "id": "a", "questionId": "q1", "title": "Keeping them safe" }, { "id": "b", "questionId": "q1", "title": "Space to find their way" } ] }
                """);
        Assert.Equal((MoralGraphPhase.Stories, 2), ((await Progress()).Phase, (await Progress()).Values));

        long story;
        await using (var scope = platform.Scope(out var db))
        {
            var h = new WiserHypothesis
            {
                StudyId = id, QuestionId = "q1", FromValueId = "a", ToValueId = "b", Context = "When in distress", Story = "I moved from a to b.",
                Status = HypothesisStatus.Draft, Model = "scripted/writer", PromptHash = HypothesisPrompt.Shipped.Hash, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.WiserHypotheses.Add(h);
            await db.SaveChangesAsync();
            story = h.Id;
        }
        var approval = await Progress();
        Assert.Equal((MoralGraphPhase.Approval, 1, 0), (approval.Phase, approval.DraftStories, approval.ApprovedStories));
        Assert.Equal("Approve stories on the Stories page: 1 is waiting, and only approved stories reach voting.", approval.Next);
        Assert.Single(approval.Warnings);

        await using (var scope = platform.Scope(out var db))
            await db.WiserHypotheses.Where(h => h.Id == story).ExecuteUpdateAsync(u => u.SetProperty(h => h.Status, HypothesisStatus.Approved));
        var voting = await Progress();
        Assert.Equal((MoralGraphPhase.Voting, 1), (voting.Phase, voting.ApprovedStories));
        Assert.Equal("Voting is open on 1 approved story; 0 votes so far. Follow the graph on the Moral graph page.", voting.Next);
        Assert.Empty(voting.Warnings);
    }

    [Fact]
    public async Task AStudyWithoutInterviewOrVotingHasNoPhase()
    {
        var (_, id) = await platform.CreateStudyAsync("mira", StudyStatus.Open);
        await using var scope = platform.Scope(out _);

        Assert.Null(await scope.ServiceProvider.GetRequiredService<MoralGraphPhases>().GetAsync(id));
    }
}
