using InteractionLab.Api.Data;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Stimuli;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tasks;

/// <summary>Opens the <see cref="ITaskSession"/> of a participant session's current task stage.</summary>
public sealed class TaskSessions(IDbContextFactory<PlatformDbContext> dbFactory, IServiceScopeFactory scopes, StudyConfigCache configs, TaskEventLog events, TaskLanguageModel model, ReplyFollower follower)
{
    /// <summary>The task session of <paramref name="stageKey"/>; a problem when the session is not on that task stage.</summary>
    public async Task<ITaskSession> OpenAsync(SessionId id, string stageKey, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var stage = config.Stages.FirstOrDefault(s => s.Key == stageKey && s.Task is not null)
            ?? throw PlatformProblemException.BadInput($"This study has no task stage '{stageKey}'.");
        var label = config.Conditions.FirstOrDefault(c => c.Key == session.ConditionKey)?.ParticipantLabel ?? "AI assistant";
        return new PlatformTaskSession(id, stage, label, session.ConditionOrdinal, ItemOrdering.SeedOf(id.Value), events, model, follower, dbFactory, scopes);
    }

    private sealed class PlatformTaskSession(
        SessionId session, StageConfig stage, string modelLabel, int ordinal, int seed,
        TaskEventLog events, TaskLanguageModel model, ReplyFollower follower, IDbContextFactory<PlatformDbContext> dbFactory,
        IServiceScopeFactory scopes) : ITaskSession
    {
        public SessionId Session => session;
        public StageConfig Stage => stage;
        public string ModelLabel => modelLabel;
        public int ParticipantOrdinal => ordinal;
        public int Seed => seed;
        public bool IsPreview => false;

        public Task<IReadOnlyList<TaskEventRecord>> ReadEventsAsync(CancellationToken ct = default) => events.ReadAsync(session, stage.Key, ct);

        public Task<TaskEventRecord> RecordAsync(string type, object payload, CancellationToken ct = default) =>
            events.AppendAsync(session, stage.Key, type, payload, ct);

        public async Task<IReadOnlyList<TaskTurn>> ReadTurnsAsync(CancellationToken ct = default)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.Turns.AsNoTracking().Where(t => t.SessionId == session && t.StageKey == stage.Key).Where(ReplyStore.ShownOnTaskPages)
                .OrderBy(t => t.Index)
                .Select(t => new TaskTurn(t.Index, t.Role, t.Text, t.ItemKey, t.ChoiceIndex, t.StoppedByParticipant)).ToListAsync(ct);
        }

        public IAsyncEnumerable<string> AskAsync(TaskPrompt prompt, CancellationToken ct = default, Action? queued = null) =>
            model.StreamAsync(session, stage.Key, prompt, ct, queued);

        public IAsyncEnumerable<string> FollowAnswerAsync(CancellationToken ct = default) => follower.FollowAsync(session, ct);

        public Task<IReadOnlyList<string>> SuggestAsync(TaskPrompt prompt, int n, CancellationToken ct = default) =>
            model.CompleteManyAsync(session, stage.Key, prompt, n, ct);

        public void StopAnswer() => model.Stop(session);

        public async Task<StimulusSetContent?> StimuliAsync(CancellationToken ct = default)
        {
            if (stage.Task?.Stimuli is not { Length: > 0 } key) return null;
            // A scope for the scoped StimulusStore, the one reader of stimulus sets (stored and the catalog's demo sets).
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<StimulusStore>().GetAsync(key, ct);
        }
    }
}
