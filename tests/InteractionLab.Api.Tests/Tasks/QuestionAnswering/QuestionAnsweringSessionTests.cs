using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.QuestionAnswering;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Tasks.QuestionAnswering;

/// <summary>
/// A participant session on the real platform: the task session hands out the demo questions, stores the task's
/// events and the assistant's turns with the stage and item, and the stage cannot be finished until every
/// question has an answer.
/// </summary>
public sealed class QuestionAnsweringSessionTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<(SessionId Id, ITaskSession Task)> StartAsync(string order)
    {
        var (slug, _) = await platform.CreateAsync(c => QaStudies.Config(c, QaStudies.Stage(order, assisted: 5)));
        var p = await platform.Factory.ConsentAsync(slug);
        var task = await platform.Factory.Services.GetRequiredService<TaskSessions>().OpenAsync(p.SessionId, "qa");
        return (p.SessionId, task);
    }

    private async Task<SessionView> CompleteAsync(SessionId id)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(id, "qa");
    }

    [Fact]
    public async Task EventsAndTheAssistantsTurnsAreStoredWithStageAndItemAndAnUnfinishedStageIsRefused()
    {
        var (id, task) = await StartAsync(QaPlan.AssistedLast);
        var set = await task.StimuliAsync();
        var plan = QaPlan.For(task, set!.ItemsAs<QaItem>());
        Assert.Equal(11, plan.Count);
        // Assisted last: the five last questions that are not the attention check.
        Assert.Equal(plan.Where(p => !p.Item.AttentionCheck).TakeLast(5).Select(p => p.Item.Id), plan.Where(p => p.Assisted).Select(p => p.Item.Id));

        var assisted = plan.First(p => p.Assisted);
        await task.RecordAsync(QuestionAnsweringTask.Shown, new { item = assisted.Item.Id, assisted = true, position = assisted.Position, count = plan.Count });
        await task.RecordAsync(QuestionAnsweringTask.Query, new { item = assisted.Item.Id, length = 12 });
        var streamed = "";
        await foreach (var piece in task.AskAsync(new TaskPrompt(assisted.Item.Id, "What is it?", PromptStyle.Completion, "What is it?"))) streamed += piece;
        await task.RecordAsync(QuestionAnsweringTask.Answer, new { item = assisted.Item.Id, choice = "a" });

        var refused = await Assert.ThrowsAsync<PlatformProblemException>(() => CompleteAsync(id));
        Assert.Equal(409, refused.Status);
        Assert.Equal("Please answer every question before finishing (1 of 11 answered).", refused.Detail);

        var turns = await task.ReadTurnsAsync();
        Assert.Equal([TurnRole.Participant, TurnRole.Model], turns.Select(t => t.Role));
        Assert.All(turns, t => Assert.Equal(assisted.Item.Id, t.ItemKey));
        Assert.Equal("What is it?", turns[0].Text);
        Assert.Equal(streamed.Trim(), turns[1].Text);
        await using (var scope = platform.Scope(out var db))
        {
            var stored = await db.Turns.Where(t => t.SessionId == id).OrderBy(t => t.Index).ToListAsync();
            Assert.All(stored, t => Assert.Equal("qa", t.StageKey));
            // HALIE's decoding for this task: temperature 0.5, at most 100 tokens.
            var decoding = System.Text.Json.JsonSerializer.Deserialize<DecodingSettings>(stored[1].DecodingJson!, TaskEventLog.Json)!;
            Assert.Equal((0.5f, 100), (decoding.Temperature, decoding.MaxTokens));
            var events = await db.TraceEvents.Where(e => e.SessionId == id && e.Origin == TraceOrigin.Server && e.StageKey == "qa")
                .OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync();
            Assert.Equal([QuestionAnsweringTask.Shown, QuestionAnsweringTask.Query, QuestionAnsweringTask.Answer], events.Where(e => e.StartsWith("qa.", StringComparison.Ordinal)));
        }

        foreach (var entry in plan.Where(p => p != assisted))
        {
            await task.RecordAsync(QuestionAnsweringTask.Shown, new { item = entry.Item.Id, assisted = entry.Assisted, position = entry.Position, count = plan.Count });
            await task.RecordAsync(QuestionAnsweringTask.Answer, new { item = entry.Item.Id, choice = entry.Item.Answer });
            await task.RecordAsync(QuestionAnsweringTask.Next, new { item = entry.Item.Id });
        }
        var view = await CompleteAsync(id);

        Assert.Equal(2, view.StageIndex);
        Assert.Equal(11, (await task.ReadEventsAsync()).Where(e => e.Type == QuestionAnsweringTask.Answer).Select(e => e.Text("item")).Distinct().Count());
    }

    [Fact]
    public async Task AStageWithNoQuestionShownYetCannotBeFinished()
    {
        var (id, _) = await StartAsync(QaPlan.Counterbalanced);

        var refused = await Assert.ThrowsAsync<PlatformProblemException>(() => CompleteAsync(id));

        Assert.Equal("Please answer the questions before finishing.", refused.Detail);
    }
}
