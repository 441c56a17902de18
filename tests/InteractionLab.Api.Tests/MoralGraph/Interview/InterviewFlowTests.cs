using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.MoralGraph.Interview;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.MoralGraph.Interview;

/// <summary>
/// The whole values interview on real PostgreSQL: against the scripted OpenAI-compatible server (streamed text,
/// tool calls, drafting with a redraft, canonicalisation) and against the in-process demo model (the fallback).
/// </summary>
public sealed class InterviewFlowTests(InterviewPlatform platform) : IClassFixture<InterviewPlatform>
{
    private const string Stage = InterviewStudy.StageKey;

    private async Task<List<TraceEvent>> EventsAsync(SessionId id)
    {
        await using var scope = platform.Scope(out var db);
        return await db.TraceEvents.AsNoTracking().Where(e => e.SessionId == id && e.Type.StartsWith("interview."))
            .OrderBy(e => e.Sequence).ToListAsync();
    }

    private async Task<Guid> InterviewToCardAsync(SessionId id)
    {
        var state = await platform.Interviews.StartAsync(id, Stage, "friend-grieving");
        var chat = state.Chat!.Id;
        var first = await platform.SendAsync(id, chat, "She keeps cancelling and I feel hurt.");
        Assert.Equal("What do you notice first when she cancels?", first.Text.Trim());
        Assert.False(first.CardShown);
        var second = await platform.SendAsync(id, chat, "I notice she needs quiet. I think I am ready to see my card.");
        Assert.True(second.CardShown);
        Assert.Contains("Does it capture what you care about?", second.Text);
        return chat;
    }

    [Fact]
    public async Task ToolCallsDraftACardThatTheParticipantSubmitsAsANewCanonicalValue()
    {
        var (slug, studyId) = await platform.StudyAsync(InterviewPlatform.Scripted);
        var id = await platform.ParticipantAsync(slug);

        var chat = await InterviewToCardAsync(id);
        var state = await platform.Interviews.GetStateAsync(id, Stage);
        Assert.Equal("Space to grieve at their pace", state.Chat!.Card!.Title);
        Assert.Empty(state.Chat.Problems);
        Assert.False(state.Chat.UsesFallback);
        // The first draft named a bare virtue; the redraft request carried that rule problem back to the model.
        var drafts = platform.Model.Requests.Where(r => r["messages"]![0]!["content"]!.ToString().StartsWith("You turn an interview transcript")).ToList();
        Assert.True(drafts.Count >= 2);
        Assert.Contains(drafts, r => r["messages"]![0]!["content"]!.ToString().Contains("names a virtue"));
        // Tools were offered to the interviewer.
        Assert.Contains(platform.Model.Requests, r => r["tools"]?.ToJsonString().Contains(InterviewService.ShowCardTool) == true);

        var submit = await platform.SendAsync(id, chat, "Yes, that is it, please submit it.");
        Assert.True(submit.Submitted);

        await using var scope = platform.Scope(out var db);
        var card = await db.ValuesCards.AsNoTracking().SingleAsync(c => c.ChatId == chat);
        Assert.Equal((studyId, MoralGraphSource.Interview, "friend-grieving", id.Value), (card.StudyId, card.Source, card.QuestionId, card.SessionId));
        Assert.Equal("new", card.CanonicalDecision);
        Assert.StartsWith("v-", card.ValueId);
        Assert.Equal(3, JsonSerializer.Deserialize<string[]>(card.PoliciesJson)!.Length);
        var stored = await db.InterviewChats.AsNoTracking().SingleAsync(c => c.Id == chat);
        Assert.NotNull(stored.SubmittedAt);
        Assert.Equal((InterviewPrompts.Interviewer.Version, InterviewPrompts.Interviewer.Sha256, "scripted/interviewer"),
            (stored.PromptVersion, stored.PromptSha256, stored.Model));
        Assert.Equal(64, stored.PromptSha256.Length);
        var turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == id).OrderBy(t => t.Index).ToListAsync();
        Assert.All(turns, t => Assert.Equal((Stage, chat.ToString()), (t.StageKey, t.ItemKey)));
        Assert.Equal([TurnRole.Participant, TurnRole.Model, TurnRole.Participant, TurnRole.Model, TurnRole.Participant], turns.Select(t => t.Role));
        Assert.All(turns.Where(t => t.Role == TurnRole.Model), t => Assert.NotNull(t.TotalMs));
        var events = await EventsAsync(id);
        Assert.Equal([MoralInterviewTask.QuestionChosen, MoralInterviewTask.CardShown, MoralInterviewTask.CardSubmitted], events.Select(e => e.Type));

        // The stage may now be finished (its completion rule wants a submitted card).
        await using var sessions = platform.Factory.Services.CreateAsyncScope();
        var view = await sessions.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(id, Stage);
        Assert.NotEqual(Stage, view.Stage.Key);
    }

    [Fact]
    public async Task AnIdenticalCardJoinsTheExistingValueAndTheParticipantCanSayItDoesNotFit()
    {
        var (slug, _) = await platform.StudyAsync(InterviewPlatform.Scripted);
        var first = await platform.ParticipantAsync(slug);
        await platform.Interviews.SubmitAsync(first, Stage, await InterviewToCardAsync(first));
        var second = await platform.ParticipantAsync(slug);
        var chat = await InterviewToCardAsync(second);

        var state = await platform.Interviews.SubmitAsync(second, Stage, chat);

        await using var scope = platform.Scope(out var db);
        var cards = await db.ValuesCards.AsNoTracking().Where(c => c.SessionId == first.Value || c.SessionId == second.Value).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(2, cards.Count);
        Assert.Equal(cards[0].ValueId, cards[1].ValueId);
        Assert.Equal("merged-identical", cards[1].CanonicalDecision);
        Assert.True(cards[1].Similarity >= 0.985, $"similarity {cards[1].Similarity}");
        Assert.NotNull(state.MergeToConfirm);
        Assert.Equal(cards[0].ValueId, state.MergeToConfirm.ValueId);

        var after = await platform.Interviews.ConfirmMergeAsync(second, Stage, chat, stillRepresents: false);
        Assert.Null(after.MergeToConfirm);
        var split = await db.ValuesCards.AsNoTracking().SingleAsync(c => c.Id == cards[1].Id);
        Assert.NotEqual(cards[0].ValueId, split.ValueId);
        Assert.Equal("split-by-participant", split.CanonicalDecision);
        var confirm = (await EventsAsync(second)).Single(e => e.Type == MoralInterviewTask.MergeConfirm);
        Assert.Equal("no", JsonDocument.Parse(confirm.Payload).RootElement.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task NothingCanBeSubmittedBeforeACardIsShownAndTheStageWantsASubmittedCard()
    {
        var (slug, _) = await platform.StudyAsync(InterviewPlatform.Scripted);
        var id = await platform.ParticipantAsync(slug);
        var chat = (await platform.Interviews.StartAsync(id, Stage, "unsure-job")).Chat!.Id;

        var early = await Assert.ThrowsAsync<PlatformProblemException>(() => platform.Interviews.SubmitAsync(id, Stage, chat));
        Assert.Equal(409, early.Status);
        Assert.Contains("Ask for your values card first", early.Detail);
        // The interviewer asked to submit before showing a card: it is told so, and nothing is stored.
        var viaTool = await platform.SendAsync(id, chat, "Just submit whatever you have.");
        Assert.False(viaTool.Submitted);
        var another = await Assert.ThrowsAsync<PlatformProblemException>(() => platform.Interviews.StartAsync(id, Stage, "friend-grieving"));
        Assert.Equal(409, another.Status);
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var finish = await Assert.ThrowsAsync<PlatformProblemException>(() =>
            scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(id, Stage));
        Assert.Contains("Submit at least one values card", finish.Detail);
        var unknown = await Assert.ThrowsAsync<PlatformProblemException>(() => platform.Interviews.StartAsync(id, Stage, "no-such-question"));
        Assert.Equal(400, unknown.Status);
        await using var check = platform.Scope(out var db);
        Assert.False(await db.ValuesCards.AnyAsync(c => c.SessionId == id.Value));
        Assert.Equal([TurnRole.Participant, TurnRole.Model], await db.Turns.Where(t => t.SessionId == id).OrderBy(t => t.Index).Select(t => t.Role).ToListAsync());
    }

    [Fact]
    public async Task TheLocalDemoModelRunsTheStructuredOutputFallback()
    {
        var (slug, _) = await platform.StudyAsync(InterviewPlatform.Local);
        var id = await platform.ParticipantAsync(slug);
        var state = await platform.Interviews.StartAsync(id, Stage, "friend-grieving");
        Assert.True(state.Chat!.UsesFallback);

        var reply = await platform.SendAsync(id, state.Chat.Id, "I want to give her space.");

        var events = await EventsAsync(id);
        var decision = events.Single(e => e.Type == MoralInterviewTask.Decision);
        Assert.Contains(JsonDocument.Parse(decision.Payload).RootElement.GetProperty("action").GetString(), new[] { "none", "show_card" });
        await using (var scope = platform.Scope(out var db))
            Assert.Equal(InterviewPrompts.FallbackInterviewer.Sha256, (await db.InterviewChats.SingleAsync(c => c.Id == state.Chat.Id)).PromptSha256);
        var resumed = await platform.Interviews.GetStateAsync(id, Stage);
        Assert.Equal([TurnRole.Participant, TurnRole.Model], resumed.Chat!.Turns.Select(t => t.Role));
        Assert.Equal(reply.Text.Trim(), resumed.Chat.Turns[1].Text);
        // The participant asks for their card; the demo model's random text is no card, which is said clearly and loses nothing.
        try
        {
            var shown = await platform.Interviews.ShowCardAsync(id, Stage, state.Chat.Id);
            Assert.NotNull(shown.Chat!.Card);
        }
        catch (PlatformProblemException e)
        {
            Assert.Equal(502, e.Status);
            Assert.Contains("could not be drafted", e.Detail);
            Assert.Contains(await EventsAsync(id), x => x.Type == MoralInterviewTask.DraftFailed);
        }
        Assert.Equal(2, (await platform.Interviews.GetStateAsync(id, Stage)).Chat!.Turns.Count);
    }
}
