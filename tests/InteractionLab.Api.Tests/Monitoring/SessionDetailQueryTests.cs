using System.Text.Json;
using InteractionLab.Api.Monitoring;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Api.Tracing;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Monitoring;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Monitoring;

/// <summary>The per-session view's data from a real participant journey on the demo model.</summary>
public sealed class SessionDetailQueryTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TranscriptIdsAndReplayComeFromWhatTheSessionSaved()
    {
        var (slug, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open);
        const string pid = "5f0123456789abcdef012345";
        var participant = await platform.Factory.ConsentAsync(slug, prolificPid: pid);
        await using var hub = platform.Factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await hub.InvokeAsync<TraceAck>("AppendEvents", new TraceBatch(
        [
            new TraceEventInput(1, "text.insert", now, JsonSerializer.SerializeToElement(new { length = 6, position = 0 })),
            new TraceEventInput(2, "send.enter", now + 1, JsonSerializer.SerializeToElement(new { })),
        ], Events.Page));
        var streamed = new List<string>();
        await foreach (var piece in hub.StreamAsync<string>("StreamReply", "Hello!").WithCancellation(new CancellationTokenSource(Patience).Token))
            streamed.Add(piece);

        await using var scope = platform.Scope(out _);
        var detail = await scope.ServiceProvider.GetRequiredService<SessionDetailQuery>()
            .GetAsync(StaffPlatform.User("rita"), id, participant.SessionId);

        Assert.Equal(1, detail.VersionNumber);
        Assert.Contains(detail.Condition, new[] { "warm", "cool" });
        Assert.Equal("chat", detail.Stage);
        var external = Assert.Single(detail.ExternalIds);
        Assert.Equal((pid, false), (external.Participant, external.Masked)); // rita owns the study
        Assert.Equal([TurnRole.Participant, TurnRole.Model], detail.Transcript.Select(t => t.Role));

        var replay = detail.Replay;
        Assert.Contains(replay.Events, e => e.Type == "text.insert");
        Assert.Contains(replay.Events, e => e.Kind == ReplayEventKind.ReplyToken);
        var end = replay.StateAfter(replay.Events.Count);
        Assert.Equal("Hello!", end.Messages[0].Text);
        Assert.Equal(detail.Transcript[1].Text, end.Messages[1].Text.Trim());
        Assert.False(end.Messages[1].Streaming);
        // Halfway through the tokens the reply holds only part of the text.
        var tokens = replay.Events.Select((e, i) => (e, i)).Where(x => x.e.Kind == ReplayEventKind.ReplyToken).ToList();
        Assert.NotEmpty(tokens);
        var mid = replay.StateAfter(tokens[0].i + 1).Messages[1];
        Assert.True(mid.Streaming);
        Assert.StartsWith(mid.Text, end.Messages[1].Text);
        Assert.Equal(string.Concat(streamed), end.Messages[1].Text);
    }

    [Fact]
    public async Task ASessionOfAnotherStudyOrResearcherIsNotFound()
    {
        var (slug, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open);
        var (_, other) = await platform.CreateStudyAsync("rita", StudyStatus.Open);
        var participant = await platform.Factory.ConsentAsync(slug);
        await using var scope = platform.Scope(out _);
        var query = scope.ServiceProvider.GetRequiredService<SessionDetailQuery>();

        var wrongStudy = await Assert.ThrowsAsync<PlatformProblemException>(() => query.GetAsync(StaffPlatform.User("rita"), other, participant.SessionId));
        var wrongUser = await Assert.ThrowsAsync<PlatformProblemException>(() => query.GetAsync(StaffPlatform.User("otto"), id, participant.SessionId));

        Assert.Equal(404, wrongStudy.Status);
        Assert.Equal(404, wrongUser.Status);
    }
}
