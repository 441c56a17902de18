using System.Net.Http.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Api.MoralGraph.Voting;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain;
using InteractionLab.Domain.MoralGraph;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.MoralGraph;

/// <summary>
/// The voting task on the real platform and PostgreSQL: which story comes next, resume, votes into the graph, the
/// own-value rule and the follow-up, through the same task sessions the participant page uses.
/// </summary>
public sealed class MoralVotingTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private const string Stage = "vote";

    private sealed record Study(string Slug, Guid Id, Dictionary<string, long> Hypotheses);

    private async Task<Study> StudyAsync(int votes, bool skipOwn = true, string question = "")
    {
        var settings = new Dictionary<string, string>
        {
            [MoralVotingTask.VotesSetting] = votes.ToString(), [MoralVotingTask.SkipOwnSetting] = skipOwn ? "true" : "false",
            [MoralVotingTask.QuestionSetting] = question,
        };
        var (slug, id) = await platform.CreateStudyAsync("mira", StudyStatus.Open, c => c with
        {
            Stages = [.. c.Stages.Where(s => s.Kind != StageKind.Task && s.Kind != StageKind.Survey).SkipLast(1),
                new StageConfig(Stage, StageKind.Task, "Which is wiser?", Task: new TaskConfig(MoralVotingTask.TaskKey, Settings: settings)),
                c.Stages[^1]],
        });
        await using var scope = platform.Scope(out var db);
        await scope.ServiceProvider.GetRequiredService<MoralGraphService>().ImportAsync(StaffPlatform.User("mira"), id, """
            { "values": [
              { "id": "a", "questionId": "q1", "title": "Keeping them safe" }, { "id": "b", "questionId": "q1", "title": "Space to find their way" },
              { "id": "c", "questionId": "q1", "title": "Honest presence" }, { "id": "d", "questionId": "q1", "title": "Shared decisions" },
              { "id": "x", "questionId": "q2", "title": "Fair shares" }, { "id": "y", "questionId": "q2", "title": "Needs first" }
            ] }
            """);
        WiserHypothesis H(string from, string to, HypothesisStatus status, string question = "q1") => new()
        {
            StudyId = id, QuestionId = question, FromValueId = from, ToValueId = to, Context = "When in distress", Story = $"I moved from {from} to {to}.",
            Status = status, Model = "scripted/writer", PromptHash = HypothesisPrompt.Shipped.Hash, CreatedAt = DateTimeOffset.UtcNow,
        };
        var rows = new Dictionary<string, WiserHypothesis>
        {
            ["ab"] = H("a", "b", HypothesisStatus.Approved), ["bc"] = H("b", "c", HypothesisStatus.Approved),
            ["cd"] = H("c", "d", HypothesisStatus.Approved), ["ad"] = H("a", "d", HypothesisStatus.Draft),
            ["db"] = H("d", "b", HypothesisStatus.Rejected), ["xy"] = H("x", "y", HypothesisStatus.Approved, "q2"),
        };
        db.WiserHypotheses.AddRange(rows.Values);
        await db.SaveChangesAsync();
        return new Study(slug, id, rows.ToDictionary(r => r.Key, r => r.Value.Id));
    }

    /// <summary>A consented participant's task session of the voting stage (opened afresh, as after a reload).</summary>
    private async Task<(ITaskSession Session, Guid Participant)> ParticipantAsync(Study study, string? ownValue = null)
    {
        var consented = await platform.Factory.ConsentAsync(study.Slug);
        await using var scope = platform.Scope(out var db);
        var participant = await db.Sessions.Where(s => s.Id == consented.SessionId).Select(s => s.ParticipantId).SingleAsync();
        if (ownValue is not null)
        {
            var card = await db.ValuesCards.SingleAsync(c => c.StudyId == study.Id && c.ValueId == ownValue);
            card.AuthorParticipantId = participant;
            await db.SaveChangesAsync();
        }
        return (await OpenAsync(consented.SessionId), participant);
    }

    private Task<ITaskSession> OpenAsync(SessionId session) =>
        platform.Factory.Services.GetRequiredService<TaskSessions>().OpenAsync(session, Stage);

    private MoralVoting Voting => platform.Factory.Services.GetRequiredService<MoralVoting>();

    private async Task<Dictionary<long, int>> ImpressionsAsync(Study study)
    {
        await using var scope = platform.Scope(out var db);
        return await db.WiserHypotheses.Where(h => h.StudyId == study.Id).ToDictionaryAsync(h => h.Id, h => h.Impressions);
    }

    private static string? Problem(ITaskSession session, IReadOnlyList<TaskEventRecord> events) =>
        new MoralVotingTask().CompletionProblem(new TaskStageRecord(session.Stage, events, 0));

    [Fact]
    public async Task StoriesSpreadOverParticipantsAndNoneIsShownTwiceEvenAfterAReload()
    {
        var study = await StudyAsync(votes: 2, question: "q1");
        var approvedQ1 = new[] { study.Hypotheses["ab"], study.Hypotheses["bc"], study.Hypotheses["cd"] };
        var (first, _) = await ParticipantAsync(study);

        var shown = await Voting.StateAsync(first);
        var again = await Voting.StateAsync(await OpenAsync(first.Session));
        Assert.Equal(shown.Current!.HypothesisId, again.Current!.HypothesisId);
        Assert.Contains(shown.Current.HypothesisId, approvedQ1);
        Assert.Equal(1, (await ImpressionsAsync(study))[shown.Current.HypothesisId]);
        Assert.Equal("Judge 2 more stories before finishing.", Problem(first, await first.ReadEventsAsync()));

        var second = await Voting.VoteAsync(first, shown.Current.HypothesisId, VoteChoice.Wiser, null);
        Assert.NotEqual(shown.Current.HypothesisId, second.Current!.HypothesisId);
        var done = await Voting.VoteAsync(first, second.Current.HypothesisId, VoteChoice.NotWiser, "  not sure it helps  ");
        Assert.Null(done.Current);
        Assert.Null(Problem(first, await first.ReadEventsAsync()));

        // The second participant first gets the story nobody has seen, then one of the two seen once.
        var (other, _) = await ParticipantAsync(study);
        var unseen = approvedQ1.Except([shown.Current.HypothesisId, second.Current.HypothesisId]).Single();
        var next = await Voting.StateAsync(other);
        Assert.Equal(unseen, next.Current!.HypothesisId);
        var then = await Voting.VoteAsync(other, unseen, VoteChoice.Unsure, null);
        Assert.NotEqual(unseen, then.Current!.HypothesisId);

        var impressions = await ImpressionsAsync(study);
        Assert.Equal(4, approvedQ1.Sum(id => impressions[id]));
        Assert.All(approvedQ1, id => Assert.InRange(impressions[id], 1, 2));
        Assert.Equal(0, impressions[study.Hypotheses["ad"]] + impressions[study.Hypotheses["db"]]);
        var events = await other.ReadEventsAsync();
        Assert.DoesNotContain(events, e => e.Number("hypothesisId") is { } id && (id == study.Hypotheses["ad"] || id == study.Hypotheses["db"]));
    }

    [Fact]
    public async Task VotesAreStoredOnceAndTheGraphCountsThemAsHandComputed()
    {
        var study = await StudyAsync(votes: 3, skipOwn: false);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        // Choices by participant and story: every edge gets 2 wiser and 1 other vote.
        var choices = new[]
        {
            new Dictionary<string, VoteChoice> { ["ab"] = VoteChoice.Wiser, ["bc"] = VoteChoice.Wiser, ["cd"] = VoteChoice.NotWiser },
            new Dictionary<string, VoteChoice> { ["ab"] = VoteChoice.Wiser, ["bc"] = VoteChoice.Unsure, ["cd"] = VoteChoice.Wiser },
            new Dictionary<string, VoteChoice> { ["ab"] = VoteChoice.NotWiser, ["bc"] = VoteChoice.Wiser, ["cd"] = VoteChoice.Wiser },
        };
        var keyOf = study.Hypotheses.ToDictionary(h => h.Value, h => h.Key);
        foreach (var choice in choices)
        {
            // The participant's own card is in q1, so they vote on q1's stories.
            var (session, participant) = await ParticipantAsync(study);
            await using (var scope = platform.Scope(out var db))
            {
                db.ValuesCards.Add(new ValuesCardRecord
                {
                    StudyId = study.Id, ValueId = "own-" + participant.ToString("N")[..8], QuestionId = "q1", Title = "Mine", Description = "",
                    PoliciesJson = "[]", AuthorParticipantId = participant, CreatedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            }
            var state = await Voting.StateAsync(session);
            while (state.Current is { } story)
            {
                var vote = choice[keyOf[story.HypothesisId]];
                await Voting.VoteAsync(session, story.HypothesisId, vote, null);
                // A resubmission (double click, reload) is stored once.
                state = await Voting.VoteAsync(session, story.HypothesisId, vote, null);
            }
        }

        await using var check = platform.Scope(out var cdb);
        var stored = await cdb.WiserVotes.Where(v => v.StudyId == study.Id).ToListAsync();
        Assert.Equal(9, stored.Count);
        Assert.All(stored, v =>
        {
            Assert.Equal(MoralGraphSource.Interview, v.Source);
            Assert.Equal("v1", v.Batch);
            Assert.Equal("q1", v.QuestionId);
            Assert.NotNull(v.HypothesisId);
        });
        Assert.Equal(3, stored.Select(v => v.VoterKey).Distinct().Count());

        var graphs = check.ServiceProvider.GetRequiredService<MoralGraphService>();
        var graph = await graphs.BuildAsync(StaffPlatform.User("mira"), study.Id, new MoralGraphFilter("q1", start, null, "v1"));
        // Edges are listed in the order their pair was first voted on, which follows the stories' random exposure.
        var byPair = graph.Edges.ToDictionary(e => (e.SourceValueId, e.WiserValueId));
        Assert.Equal([("a", "b"), ("b", "c"), ("c", "d")], byPair.Keys.Order());
        Assert.Equal(new EdgeCounts(2, 1, 0, 0, 3), byPair[("a", "b")].Counts);
        Assert.Equal(new EdgeCounts(2, 0, 1, 0, 3), byPair[("b", "c")].Counts);
        Assert.Equal(new EdgeCounts(2, 1, 0, 0, 3), byPair[("c", "d")].Counts);
        // (2 − 0) / 3, and the published entropy of the counts (2, 1, 3) of 6 in bits: 1/3·log2 3 + 1/6·log2 6 + 1/2.
        Assert.All(graph.Edges, e => Assert.Equal(2.0 / 3, e.WiserLikelihood, 9));
        Assert.All(graph.Edges, e => Assert.Equal(Math.Log2(3) / 3 + Math.Log2(6) / 6 + 0.5, e.Entropy, 9));
        Assert.Equal("d", graph.Values[0].Id);

        // The filters slice platform votes like imported ones, and the JSON export carries them.
        Assert.Empty((await graphs.BuildAsync(StaffPlatform.User("mira"), study.Id, new MoralGraphFilter("q1", Batch: "v2"))).Edges);
        Assert.Empty((await graphs.BuildAsync(StaffPlatform.User("mira"), study.Id, new MoralGraphFilter("q1", To: start))).Edges);
        var client = await platform.ClientAsync("mira");
        var json = MoralGraphJson.Deserialize(await client.GetStringAsync($"/api/v1/studies/{study.Id}/moral-graph?question=q1&batch=v1"));
        Assert.Equal(graph.Edges.Select(e => e.Counts), json.Edges.Select(e => e.Counts));
    }

    [Fact]
    public async Task OwnValueStoriesAreLeftOutAndTheFollowUpAsksAboutItsPosition()
    {
        var study = await StudyAsync(votes: 3);
        var (session, participant) = await ParticipantAsync(study, ownValue: "a");

        var state = await Voting.StateAsync(session);
        var seen = new List<long>();
        while (state.Current is { } story)
        {
            seen.Add(story.HypothesisId);
            state = await Voting.VoteAsync(session, story.HypothesisId, VoteChoice.Wiser, "Clearer");
        }

        // a→b involves their own value; q2 is not their question; drafts and rejected stories never appear.
        Assert.Equal(new[] { study.Hypotheses["bc"], study.Hypotheses["cd"] }.Order(), seen.Order());
        Assert.True(state.Progress.NoneLeft);
        // Their two "wiser" votes make the edges b→c and c→d: d ranks first, c second, and a (no edge) and b (no story
        // into it) receive the same share, so a is tied for 3rd with one other value, and only d and c are above it.
        var position = state.Position!;
        Assert.Equal(("a", "Keeping them safe", 4), (position.ValueId, position.Card.Title, position.Of));
        Assert.Equal((3, 1), (position.Position, position.TiedWith));
        Assert.Equal(["Shared decisions", "Honest presence"], position.Above);
        Assert.Equal("Say whether your value's place in the graph is fair before finishing.", Problem(session, await session.ReadEventsAsync()));

        await Assert.ThrowsAsync<PlatformProblemException>(() => Voting.AnswerPositionAsync(session, 7, null));
        var answered = await Voting.AnswerPositionAsync(session, 4, "Seems right");
        Assert.True(answered.Done);
        Assert.Null(Problem(session, await session.ReadEventsAsync()));
        var fairness = (await session.ReadEventsAsync()).Single(e => e.Type == MoralVoting.PositionEvent);
        Assert.Equal(4, fairness.Number("fair"));
        Assert.Equal("Seems right", fairness.Text("why"));
        Assert.Equal("a", fairness.Text("valueId"));

        // A story never shown to them cannot be voted on.
        var problem = await Assert.ThrowsAsync<PlatformProblemException>(() => Voting.VoteAsync(session, study.Hypotheses["ab"], VoteChoice.Wiser, null));
        Assert.Equal(400, problem.Status);
        await using var scope = platform.Scope(out var db);
        Assert.Equal(2, await db.WiserVotes.CountAsync(v => v.StudyId == study.Id && v.VoterKey == participant.ToString()));
    }

    [Fact]
    public async Task BeforeTheGraphHasAnEdgeTheirValueIsNotPlacedAndTheFairnessQuestionIsNotAskedEvenAfterAReload()
    {
        var study = await StudyAsync(votes: 3);
        var (session, _) = await ParticipantAsync(study, ownValue: "a");

        // "Not wiser" on both stories: likelihood 0 < 0.33, so no edge is kept and every value would tie.
        var state = await Voting.StateAsync(session);
        while (state.Current is { } story) state = await Voting.VoteAsync(session, story.HypothesisId, VoteChoice.NotWiser, null);

        Assert.Null(state.Position);
        Assert.True(state.Progress.PositionUnavailable);
        Assert.True(state.Done);
        Assert.Null(Problem(session, await session.ReadEventsAsync()));
        var unavailable = (await session.ReadEventsAsync()).Single(e => e.Type == MoralVoting.PositionUnavailableEvent);
        Assert.Equal(("a", "no-edges"), (unavailable.Text("valueId"), unavailable.Text("reason")));

        // Someone else's "wiser" votes make edges now; their stage, reopened, still does not ask.
        var (other, _) = await ParticipantAsync(study);
        var next = await Voting.StateAsync(other);
        while (next.Current is { } story) next = await Voting.VoteAsync(other, story.HypothesisId, VoteChoice.Wiser, null);
        var reloaded = await Voting.StateAsync(await OpenAsync(session.Session));
        Assert.Null(reloaded.Position);
        Assert.DoesNotContain(await session.ReadEventsAsync(), e => e.Type == MoralVoting.PositionShownEvent);
    }
}
