using System.Net.Http.Headers;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Replies;

/// <summary>
/// Turns are stored when a reply is requested and completed when it ends: an incremental pull of the turns export
/// (<c>?after=</c> the previous pull's <c>Next-After</c> cursor) must neither take a turn that is not final nor move past it.
/// </summary>
public sealed class TurnExportTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly StreamHold _hold = new();
    private PlatformFactory _platform = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _platform = new PlatformFactory(_database.ConnectionString, hold: _hold);
        _ = _platform.Server;
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static async Task<(List<JsonElement> Turns, string Next)> PullAsync(HttpClient client, string slug, string? after)
    {
        using var response = await client.GetAsync($"/api/v1/studies/{slug}/turns" + (after is { } a ? $"?after={a}" : ""));
        response.EnsureSuccessStatusCode();
        var turns = (await response.Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (turns, response.Headers.GetValues(InteractionLab.Api.Exports.ExportCursor.Header).Single());
    }

    [Fact]
    public async Task AnIncrementalPullWaitsForAReplyStillBeingGeneratedAndThenGetsItComplete()
    {
        var slug = await _platform.CreateOpenStudyAsync();
        var slow = await _platform.ParticipantAtChatAsync(slug);
        var quick = await _platform.ParticipantAtChatAsync(slug);
        var client = _platform.CreateClient();
        await using (var scope = _platform.Services.CreateAsyncScope())
        {
            var studyId = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Studies.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
            var key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", studyId, [ApiKeyScopes.Export])).Key;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        var dialogue = _platform.Services.GetRequiredService<DialogueService>();

        var held = _hold.HoldNextReplyAfter(2);
        var slowReply = dialogue.StreamReplyAsync(slow.SessionId, "Take your time").ToListAsync().AsTask();
        await held;
        await dialogue.StreamReplyAsync(quick.SessionId, "Quick one").ToListAsync(); // saved after the slow reply's turn

        // The slow reply's exchange was stored in one transaction with its unfinished turn: all of it waits, and so does
        // everything stored after it.
        var (first, cursor) = await PullAsync(client, slug, after: null);
        Assert.Empty(first);
        _hold.Release();
        await slowReply;
        var (next, _) = await PullAsync(client, slug, after: cursor);

        // The slow exchange, its reply complete, then the quick exchange that was saved while it was still being generated.
        Assert.Equal([(slow.SessionId, "Participant"), (slow.SessionId, "Model"), (quick.SessionId, "Participant"), (quick.SessionId, "Model")],
            next.Select(t => (new Domain.SessionId(Guid.Parse(t.GetProperty("sessionId").GetString()!)), t.GetProperty("role").GetString())));
        Assert.Equal("Take your time", next[0].GetProperty("text").GetString());
        await using var check = _platform.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<PlatformDbContext>().Turns.AsNoTracking()
            .SingleAsync(t => t.SessionId == slow.SessionId && t.Role == Domain.Dialogue.TurnRole.Model);
        Assert.Equal(stored.Text, next[1].GetProperty("text").GetString());
        Assert.Equal(stored.FinishReason, next[1].GetProperty("finishReason").GetString());
        Assert.NotEqual("generating", stored.FinishReason);
    }
}
