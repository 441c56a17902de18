using InteractionLab.Api.Data;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Replies;

/// <summary>
/// A deploy stops the web process while a reply streams: the real platform on real Kestrel with the in-process demo
/// model, held mid-reply, then stopped gracefully and started again on the same database.
/// </summary>
public sealed class InterruptedReplyTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task AGracefulStopMidReplyKeepsTheTurnMarkedInterruptedWithItsTextAndThePageAfterRestartOffersToSendAgain()
    {
        var hold = new StreamHold();
        var first = new PlatformFactory(_database.ConnectionString, hold: hold);
        first.StartKestrel();
        var slug = await first.CreateOpenStudyAsync();
        var participant = await first.ParticipantAtChatAsync(slug);

        var held = hold.HoldNextReplyAfter(3);
        var listening = first.Services.GetRequiredService<DialogueService>().StreamReplyAsync(participant.SessionId, "Tell me about your weekend").ToListAsync().AsTask();
        var partial = await held;
        await first.DisposeAsync(); // the deploy: a graceful stop while the reply is held after its third piece

        await Assert.ThrowsAnyAsync<Exception>(() => listening);
        var second = new PlatformFactory(_database.ConnectionString);
        await using var _ = second;
        second.StartKestrel();
        await using (var scope = second.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == participant.SessionId).OrderBy(t => t.Index).ToListAsync();
            Assert.Equal([TurnRole.Participant, TurnRole.Model], turns.Select(t => t.Role));
            Assert.Equal("Tell me about your weekend", turns[0].Text);
            Assert.Equal(ReplyStore.Interrupted, turns[1].FinishReason);
            Assert.Equal(CompletionPrompt.CleanReply(partial, DemoStudy.Config().Conditions[0].Decoding.Stop.Append("\nUser:")), turns[1].Text);
            var finish = await db.TraceEvents.SingleAsync(e => e.SessionId == participant.SessionId && e.Origin == TraceOrigin.Server && e.Type == "model.finish");
            Assert.Contains("\"reason\":\"interrupted\"", finish.Payload.Replace(" ", ""));
            Assert.Equal(3, await db.TraceEvents.CountAsync(e => e.SessionId == participant.SessionId && e.Type == "model.token"));
        }

        // The participant reloads on the new process: their message, the reply as far as it came, and a way on.
        using var client = second.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/s/{slug}/session");
        request.Headers.Add("Cookie", participant.Cookie);
        var page = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("Tell me about your weekend", page);
        Assert.Contains("This reply was cut off before it finished.", page);
        Assert.Contains("Send again", page);
    }
}
