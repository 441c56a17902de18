using InteractionLab.Api.Data;
using InteractionLab.Api.Monitoring;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Monitoring;

/// <summary>The dashboard's numbers on a hand-built set of sessions.</summary>
public sealed class StudyDashboardQueryTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private async Task<StudyDashboard> DashboardAsync(Guid id, string user = "rita")
    {
        await using var scope = platform.Scope(out _);
        return await scope.ServiceProvider.GetRequiredService<StudyDashboardQuery>().GetAsync(StaffPlatform.User(user), id);
    }

    /// <summary>
    /// warm: 2 completed (10 and 30 minutes), 1 in the chat, 1 abandoned in the chat; cool: 1 completed (20 min),
    /// 1 withdrawn at the instructions. Model turns: 3 fine, 1 failed with text; plus 1 failure without text.
    /// </summary>
    private async Task<(Guid Id, DateTimeOffset Now, SessionId Failing)> BuildAsync()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open);
        var now = DateTimeOffset.UtcNow;
        await using var scope = platform.Scope(out var db);
        var version = await db.StudyVersions.Where(v => v.StudyId == id).Select(v => v.Id).SingleAsync();
        Session Add(string condition, SessionStatus status, int stage, double startedMinutesAgo, double? minutes)
        {
            var participant = new Participant { CreatedAt = now };
            db.Participants.Add(participant);
            var started = now.AddMinutes(-startedMinutesAgo);
            var session = new Session
            {
                StudyId = id, StudyVersionId = version, ParticipantId = participant.Id, ConfigHash = "h", ConditionKey = condition,
                Status = status, StageIndex = stage, StartedAt = started, LastSeenAt = started.AddMinutes(minutes ?? 1),
                CompletedAt = minutes is { } m && status == SessionStatus.Completed ? started.AddMinutes(m) : null,
            };
            db.Sessions.Add(session);
            return session;
        }
        Add("warm", SessionStatus.Completed, 5, 200, 10);
        Add("warm", SessionStatus.Completed, 5, 100, 30);
        var chatting = Add("warm", SessionStatus.InProgress, 2, 5, 3);
        Add("warm", SessionStatus.Abandoned, 2, 300, 2);
        Add("cool", SessionStatus.Completed, 5, 50, 20);
        Add("cool", SessionStatus.Withdrawn, 1, 40, 1);
        void Turn(int index, TurnRole role, string text, string? finish, double minutesAgo) => db.Turns.Add(new Turn
        {
            SessionId = chatting.Id, Index = index, Role = role, Text = text, FinishReason = finish,
            CreatedAt = now.AddMinutes(-minutesAgo), TotalMs = role == TurnRole.Model ? 0 : null,
        });
        Turn(0, TurnRole.Participant, "hi", null, 3);
        Turn(1, TurnRole.Model, new string('a', 240), "stop", 2);
        Turn(2, TurnRole.Participant, "more", null, 2);
        Turn(3, TurnRole.Model, new string('b', 480), "stop", 2);
        Turn(4, TurnRole.Model, "x", "length", 30);
        Turn(5, TurnRole.Model, "partial", "error", 1);
        db.TraceEvents.Add(new TraceEvent
        {
            SessionId = chatting.Id, Origin = TraceOrigin.Server, Sequence = 1, ServerTime = now.AddMinutes(-1), Type = "model.finish",
            Payload = """{"turnIndex":5,"reason":"error","error":"HttpRequestException"}""",
        });
        db.TraceEvents.Add(new TraceEvent
        {
            SessionId = chatting.Id, Origin = TraceOrigin.Server, Sequence = 2, ServerTime = now.AddSeconds(-30), Type = "model.finish",
            Payload = """{"turnIndex":7,"reason":"error","error":"TimeoutException"}""",
        });
        await db.SaveChangesAsync();
        return (id, now, chatting.Id);
    }

    [Fact]
    public async Task CountsRatesAndStagesAddUp()
    {
        var (id, _, _) = await BuildAsync();

        var d = await DashboardAsync(id);

        Assert.Equal(new SessionCounts(1, 3, 1, 1), d.Counts);
        Assert.Equal(0.5, d.Counts.CompletionRate, 6);
        Assert.Equal(2 / 6.0, d.Counts.DropOutRate, 6);
        Assert.Equal(["consent", "instructions", "chat", "marks", "rating", "debrief"], d.Stages);
        Assert.Equal(StudyStatus.Open, d.Status);
        Assert.Equal(1, d.VersionNumber);
        var warmAtChat = d.ByConditionAndStage.Where(c => c.Condition == "warm" && c.StageIndex == 2).Sum(c => c.Count);
        Assert.Equal(2, warmAtChat);
        Assert.Equal(2, d.ByConditionAndStage.Single(c => c is { Condition: "warm", StageIndex: 5 }).Count);
        Assert.Equal(SessionStatus.Withdrawn, d.ByConditionAndStage.Single(c => c is { Condition: "cool", StageIndex: 1 }).Status);
    }

    [Fact]
    public async Task DurationsOfCompletedSessionsGiveTheMedian()
    {
        var (id, _, _) = await BuildAsync();

        var d = await DashboardAsync(id);

        Assert.Equal(3, d.Durations.Count);
        Assert.Equal(TimeSpan.FromMinutes(20), d.Durations.Median);
        Assert.Equal([600, 1200, 1800], d.Durations.Seconds.Select(s => Math.Round(s)));
    }

    [Fact]
    public async Task ThroughputAndErrorsComeFromTheModelTurns()
    {
        var (id, now, failing) = await BuildAsync();

        var d = await DashboardAsync(id);

        Assert.Equal(StudyDashboardQuery.ThroughputMinutes, d.Throughput.Count);
        var twoMinutesAgo = d.Throughput.Single(p => p.Minute <= now.AddMinutes(-2) && now.AddMinutes(-2) < p.Minute.AddMinutes(1));
        Assert.Equal((240 + 480) / 4.0 / 60, twoMinutesAgo.TokensPerSecond, 6);
        Assert.DoesNotContain(d.Throughput, p => p.Minute < now.AddMinutes(-16)); // the 30-minute-old turn is outside
        Assert.Equal(4, d.Errors.Generations);
        Assert.Equal(2, d.Errors.Failed); // the turn ended in error + the failure that left no text
        Assert.Equal(["TimeoutException", "HttpRequestException"], d.Errors.Latest.Select(f => f.Error));
        Assert.All(d.Errors.Latest, f => Assert.Equal(failing, f.SessionId));
    }

    [Fact]
    public async Task RecentSessionsAreNewestFirstAndOtherResearchersSeeNothing()
    {
        var (id, _, failing) = await BuildAsync();

        var d = await DashboardAsync(id);

        Assert.Equal(6, d.Recent.Count);
        Assert.Equal(failing, d.Recent[0].Id);
        Assert.Equal(d.Recent.OrderByDescending(r => r.LastSeenAt).Select(r => r.Id), d.Recent.Select(r => r.Id));
        var refused = await Assert.ThrowsAsync<PlatformProblemException>(() => DashboardAsync(id, user: "otto"));
        Assert.Equal(404, refused.Status);
    }

    [Fact]
    public async Task AStudyWithoutSessionsHasZerosNotErrors()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Draft);

        var d = await DashboardAsync(id);

        Assert.Equal(0, d.Counts.Total);
        Assert.Equal(0, d.Counts.CompletionRate);
        Assert.Null(d.Durations.Median);
        Assert.All(d.Throughput, p => Assert.Equal(0, p.TokensPerSecond));
        Assert.Empty(d.Recent);
    }
}
