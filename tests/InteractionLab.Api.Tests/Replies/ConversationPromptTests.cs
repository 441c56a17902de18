using System.Text.Json;
using InteractionLab.Api.Registry;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Api.Tests.Registry;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using InteractionLab.Testing.LanguageModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Replies;

/// <summary>What goes into the prompt of the next dialogue reply: the context window policy and lost replies.</summary>
public sealed class ConversationPromptTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private DialogueService Dialogue => platform.Factory.Services.GetRequiredService<DialogueService>();

    private async Task<SessionId> AtChatAsync(Func<StudyConfig, StudyConfig>? change = null)
    {
        var (slug, _) = await platform.CreateAsync(change);
        var participant = await platform.Factory.ConsentAsync(slug);
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(participant.SessionId, "instructions");
        return participant.SessionId;
    }

    [Fact]
    public async Task TheDemoStudysTenthMessageStillGetsAReplyAndTheTurnsDroppedToFitAreRecorded()
    {
        var session = await AtChatAsync();
        const string filler = "I spent the whole afternoon walking along the river, looking at the boats and the birds, and thinking about";

        for (var i = 1; i <= 10; i++)
        {
            var pieces = await Dialogue.StreamReplyAsync(session, $"Message {i}: {filler} number {i}.").ToListAsync();
            Assert.NotEmpty(pieces);
        }

        await using var scope = platform.Scope(out var db);
        var turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == session).OrderBy(t => t.Index).ToListAsync();
        Assert.Equal(20, turns.Count);
        Assert.All(turns.Where(t => t.Role == TurnRole.Model), t => Assert.NotEqual("error", t.FinishReason));
        var tenth = turns[19];
        Assert.True(tenth.ContextDroppedTurns > 0, $"The tenth reply's prompt dropped {tenth.ContextDroppedTurns} turns.");
        var requests = await db.TraceEvents.AsNoTracking().Where(e => e.SessionId == session && e.Type == "model.request-sent").OrderBy(e => e.Sequence).ToListAsync();
        using var last = JsonDocument.Parse(requests[^1].Payload);
        var dropped = last.RootElement.GetProperty("droppedForContext").EnumerateArray().Select(e => e.GetInt32()).ToList();
        // Whole exchanges go, oldest first: the participant's first message (turn 0) and its reply (turn 1) lead the list.
        Assert.Equal(Enumerable.Range(0, tenth.ContextDroppedTurns!.Value), dropped);
        Assert.Equal(0, dropped.Count % 2);
        var prompt = last.RootElement.GetProperty("prompt").GetString()!;
        Assert.DoesNotContain("Message 1:", prompt);
        Assert.Contains("Message 10:", prompt);
        Assert.StartsWith("The following are conversations between a person and a friendly, curious chatbot.", prompt);
    }

    [Fact]
    public async Task AReplyLostBeforeItsFirstWordIsShownAsLostAndLeavesNoTwoParticipantLinesInTheNextPrompt()
    {
        await using var scripted = await ScriptedOpenAiServer.StartAsync(new InterviewerScript().AddTo);
        var registry = platform.Factory.Services.GetRequiredService<ModelRegistryService>();
        var name = "lost-" + Guid.NewGuid().ToString("N")[..8];
        var endpoint = await registry.CreateAsync(StaffMember.Admin, new ModelEndpointInput
        {
            Name = name, BaseUrl = scripted.BaseUrl, DefaultModels = "m", MaxConcurrentRequests = 4, TimeoutSeconds = 60, Enabled = false,
        });
        var session = await AtChatAsync(c => c with
        {
            Conditions = [new ConditionConfig("api", "Chatbot", new ModelRef(name, "m"), new DecodingSettings { MaxTokens = 20 },
                new PromptTemplate(PromptStyle.Chat, "You are friendly. {scenario}"))],
        });

        // The endpoint is switched off: the reply fails before its first word.
        var lost = await Assert.ThrowsAsync<PlatformProblemException>(() => Dialogue.StreamReplyAsync(session, "First question?").ToListAsync().AsTask());
        Assert.Equal(502, lost.Status);
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
        {
            var view = await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().GetSessionAsync(session);
            Assert.Equal([(TurnRole.Participant, "First question?", (string?)null), (TurnRole.Model, "", "error")],
                view.Turns.Select(t => (t.Role, t.Text, t.FinishReason)));
        }

        var on = endpoint.ToInput();
        on.Enabled = true;
        await registry.UpdateAsync(StaffMember.Admin, endpoint.Id, on);
        var reply = string.Concat(await Dialogue.StreamReplyAsync(session, "Second question?").ToListAsync());

        Assert.Equal("What do you notice first when she cancels?", reply.Trim());
        var messages = Assert.Single(scripted.Requests)["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal("Second question?", (string?)messages[1]!["content"]);
        await using var check = platform.Scope(out var db);
        var request = await db.TraceEvents.AsNoTracking().Where(e => e.SessionId == session && e.Type == "model.request-sent").OrderBy(e => e.Sequence).LastAsync();
        using var payload = JsonDocument.Parse(request.Payload);
        Assert.Equal([0, 1], payload.RootElement.GetProperty("withoutReply").EnumerateArray().Select(e => e.GetInt32()));
    }
}
