using System.Net.Http.Headers;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Surveys;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Api.Tracing;
using InteractionLab.Domain.Surveys;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

public sealed class ExportTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<List<JsonElement>> ExportAsync(Guid studyId, string what, string key, string? since = null, long? after = null)
    {
        var client = platform.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var query = since is not null ? "?since=" + Uri.EscapeDataString(since) : after is not null ? $"?after={after}" : "";
        var body = await client.GetStringAsync($"/api/v1/studies/{studyId}/{what}" + query);
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public async Task ExportsStreamSessionsEventsAndSurveysAsJsonLinesWithIncrementalSince()
    {
        var (slug, studyId) = await platform.CreateAsync(TestStudies.WithoutChat);
        string key;
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", studyId, [ApiKeyScopes.Export])).Key;
        var alice = await platform.Factory.ConsentAsync(slug);
        var bob = await platform.Factory.ConsentAsync(slug);
        await using (var hub = platform.Factory.CreateHubConnection(alice.Cookie))
        {
            await hub.StartAsync();
            await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 25));
        }
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(bob.SessionId, "instructions");
            await scope.ServiceProvider.GetRequiredService<SurveyService>().SubmitAsync(bob.SessionId, "marks", []);
            await scope.ServiceProvider.GetRequiredService<SurveyService>().SubmitAsync(bob.SessionId, "rating",
                [new SurveyAnswer("talk-again", "5"), new("fluency", "4"), new("sensible", "4"), new("specific", "3"), new("enjoyment", "5"), new("comments", "fun")]);
        }

        var sessions = await ExportAsync(studyId, "sessions", key);
        var events = await ExportAsync(studyId, "events", key);
        var surveys = await ExportAsync(studyId, "surveys", key);

        Assert.Equal(2, sessions.Count);
        Assert.Contains(sessions, s => s.GetProperty("status").GetString() == "Completed" && s.GetProperty("sessionId").GetString() == bob.SessionId.ToString());
        Assert.All(sessions, s => Assert.Equal(64, s.GetProperty("configHash").GetString()!.Length));
        Assert.Equal(25, events.Count);
        Assert.Equal(Enumerable.Range(1, 25), events.Select(e => (int)e.GetProperty("sequence").GetInt64()));
        Assert.All(events, e => Assert.Equal(JsonValueKind.Object, e.GetProperty("payload").ValueKind));
        Assert.Equal(6, surveys.Count);
        Assert.Contains(surveys, s => s.GetProperty("itemKey").GetString() == "talk-again" && s.GetProperty("value").GetString() == "5");

        // Incremental pull: only what was stored after the last event already seen.
        var lastSeen = events.Max(e => e.GetProperty("serverTime").GetDateTimeOffset());
        await using (var hub = platform.Factory.CreateHubConnection(alice.Cookie))
        {
            await hub.StartAsync();
            await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(26, 30));
        }
        var newer = await ExportAsync(studyId, "events", key, lastSeen.ToString("O"));
        Assert.Equal(Enumerable.Range(26, 5), newer.Select(e => (int)e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task TheIdCursorReturnsExactlyTheRecordsStoredAfterThePreviousPullWhateverTheirTimestamps()
    {
        var (slug, studyId) = await platform.CreateAsync(TestStudies.WithoutChat);
        string key;
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", studyId, [ApiKeyScopes.Export])).Key;
        var alice = await platform.Factory.ConsentAsync(slug);
        await using var hub = platform.Factory.CreateHubConnection(alice.Cookie);
        await hub.StartAsync();
        await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 10));

        var first = await ExportAsync(studyId, "events", key);
        var cursor = first.Max(e => e.GetProperty("id").GetInt64());
        Assert.Equal(10, first.Count);
        Assert.Empty(await ExportAsync(studyId, "events", key, after: cursor));

        await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(11, 14));
        var next = await ExportAsync(studyId, "events", key, after: cursor);

        Assert.Equal(Enumerable.Range(11, 4), next.Select(e => (int)e.GetProperty("sequence").GetInt64()));
        Assert.All(next, e => Assert.True(e.GetProperty("id").GetInt64() > cursor));
    }

    [Fact]
    public async Task ExportOfAStudyContainsNoOtherStudysData()
    {
        var (slugA, studyA) = await platform.CreateAsync();
        var (slugB, _) = await platform.CreateAsync();
        string key;
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", null, [ApiKeyScopes.Export])).Key;
        var a = await platform.Factory.ConsentAsync(slugA);
        var b = await platform.Factory.ConsentAsync(slugB);
        foreach (var p in new[] { a, b })
        {
            await using var hub = platform.Factory.CreateHubConnection(p.Cookie);
            await hub.StartAsync();
            await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 10));
        }

        var events = await ExportAsync(studyA, "events", key);
        Assert.Equal(10, events.Count);
        Assert.All(events, e => Assert.Equal(a.SessionId.ToString(), e.GetProperty("sessionId").GetString()));
    }
}
