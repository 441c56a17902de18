using InteractionLab.Api.Data;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InteractionLab.Api.Tests.Replies;

/// <summary>
/// PostgreSQL goes away while a reply is being finished: the platform reaches the real test server through a loopback
/// proxy that the test cuts (every connection dropped, new ones refused) after the reply was requested and restores once
/// the platform has tried to save. Pooling is off so that every database call really connects, and the reply's text is
/// not written while it streams (a long flush interval), so the failing call is the final save.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly StreamHold _hold = new();
    private TcpProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var server = new NpgsqlConnectionStringBuilder(PostgresDatabase.ServerConnectionString);
        _proxy = new TcpProxy(server.Host!, server.Port);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<(PlatformFactory Platform, SessionId Session)> AtChatAsync(Dictionary<string, string?> settings)
    {
        var through = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port, Pooling = false };
        settings["Replies:FlushInterval"] = "01:00:00";
        var platform = new PlatformFactory(through.ConnectionString, settings, _hold);
        _ = platform.Server;
        var participant = await platform.ParticipantAtChatAsync(await platform.CreateOpenStudyAsync());
        return (platform, participant.SessionId);
    }

    // The reply is requested (and stored as requested), then the database goes away before it is finished.
    private async Task<Task<List<string>>> ReplyFinishingInAnOutageAsync(PlatformFactory platform, SessionId session)
    {
        var held = _hold.HoldNextReplyAfter(2);
        var reply = platform.Services.GetRequiredService<DialogueService>().StreamReplyAsync(session, "Are you still there?").ToListAsync().AsTask();
        await held;
        _proxy.Cut();
        _hold.Release();
        return reply;
    }

    private async Task<Turn> ModelTurnAsync(PlatformFactory platform, SessionId session)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Turns.AsNoTracking().SingleAsync(t => t.SessionId == session && t.Role == TurnRole.Model);
    }

    private async Task<int> TokenEventsAsync(PlatformFactory platform, SessionId session)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().TraceEvents.CountAsync(e => e.SessionId == session && e.Type == "model.token");
    }

    [Fact]
    public async Task AReplyFinishedDuringAShortOutageIsSavedOnceTheDatabaseIsBack()
    {
        var (platform, session) = await AtChatAsync([]);
        await using var _ = platform;

        var reply = await ReplyFinishingInAnOutageAsync(platform, session);
        await _proxy.FirstRefused; // the save tried and could not reach the database
        _proxy.Restore();
        var pieces = await reply;

        var turn = await ModelTurnAsync(platform, session);
        Assert.Equal(CompletionPrompt.CleanReply(string.Concat(pieces), DemoStudy.Config().Conditions[0].Decoding.Stop.Append("\nUser:")), turn.Text);
        Assert.NotEqual(ReplyStore.Generating, turn.FinishReason);
        Assert.NotEqual("error", turn.FinishReason);
        Assert.Equal(pieces.Count, await TokenEventsAsync(platform, session));
    }

    [Fact]
    public async Task AReplyTheDatabaseCannotTakeIsKeptWithItsReasonAndStoredWhenTheDatabaseIsBack()
    {
        var spool = Path.Combine(Path.GetTempPath(), "il-spool-" + Guid.NewGuid().ToString("N")[..8]);
        var (platform, session) = await AtChatAsync(new()
        {
            ["Replies:SaveAttempts"] = "2", ["Replies:FirstRetryDelay"] = "00:00:00.050", ["Replies:SpoolDirectory"] = spool,
        });
        await using var _ = platform;

        var reply = await ReplyFinishingInAnOutageAsync(platform, session);
        var failed = await Assert.ThrowsAsync<PlatformProblemException>(() => reply);

        Assert.Equal(502, failed.Status);
        var kept = Assert.Single(platform.Services.GetRequiredService<ReplySpool>().Entries());
        Assert.Equal(session.Value, kept.Entry.Turn.Session);
        Assert.NotEqual("error", kept.Entry.Turn.FinishReason);
        Assert.NotEmpty(kept.Entry.Turn.Tokens);
        Assert.Contains("Exception", kept.Entry.Reason);

        _proxy.Restore();
        Assert.Equal(1, await platform.Services.GetRequiredService<ReplyRunner>().StoreKeptAsync(CancellationToken.None));
        var turn = await ModelTurnAsync(platform, session);
        Assert.Equal(kept.Entry.Turn.Text, turn.Text);
        Assert.Equal(kept.Entry.Turn.FinishReason, turn.FinishReason);
        Assert.Equal(kept.Entry.Turn.Tokens.Count, await TokenEventsAsync(platform, session));
        Assert.Empty(platform.Services.GetRequiredService<ReplySpool>().Entries());
        Directory.Delete(spool, recursive: true);
    }
}
