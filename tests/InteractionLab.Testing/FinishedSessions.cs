using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks.Summarization;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Testing;

/// <summary>
/// Finished participant sessions written straight into the database the way the platform stores them (a session
/// completed, its dialogue turns, its summarization task events), so annotation tests start from a finished study
/// without driving every participant through the browser. Saved through the platform's own context, so the
/// session-completion hook runs as it does for a real participant.
/// </summary>
public static class FinishedSessions
{
    /// <summary>The config with a summarization stage "summarize" (the demo news documents) after its third stage, for summary items.</summary>
    public static StudyConfig WithSummaryStage(StudyConfig c) => c with
    {
        Stages = [.. c.Stages.Take(3), new StageConfig("summarize", StageKind.Task, "Summarize",
            Task: new TaskConfig("summarization", Stimuli: "demo-summarization-news")), .. c.Stages.Skip(3)],
    };

    /// <summary>A completed session of <paramref name="studyId"/> in <paramref name="condition"/>; returns its id.</summary>
    /// <param name="factory">The running platform.</param>
    /// <param name="studyId">The study (its newest version is used).</param>
    /// <param name="condition">Condition key.</param>
    /// <param name="dialogue">Turns of the dialogue stage <paramref name="dialogueStage"/>, alternating participant/model from the participant.</param>
    /// <param name="dialogueStage">Stage key of the dialogue.</param>
    /// <param name="summaries">Summarization documents done in stage <paramref name="summaryStage"/>: (document id, draft, edited).</param>
    /// <param name="summaryStage">Stage key of the summarization task.</param>
    /// <param name="prolificPid">A Prolific id to store for the participant.</param>
    /// <param name="simulated">A simulated (pilot) session.</param>
    /// <param name="importSource">Marks the session as imported.</param>
    /// <param name="model">Model recorded on the model turns (endpoint/model).</param>
    public static async Task<SessionId> AddAsync(PlatformFactory factory, Guid studyId, string condition,
        IReadOnlyList<string>? dialogue = null, string dialogueStage = "chat",
        IReadOnlyList<(string Document, string Draft, string Edited)>? summaries = null, string summaryStage = "summarize",
        string? prolificPid = null, bool simulated = false, string? importSource = null, string model = "local/demo-chat")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var version = await db.StudyVersions.Where(v => v.StudyId == studyId).OrderByDescending(v => v.Number).FirstAsync();
        var now = DateTimeOffset.UtcNow;
        var participant = new Participant { CreatedAt = now };
        db.Participants.Add(participant);
        if (prolificPid is not null)
            db.ParticipantExternalIds.Add(new ParticipantExternalId
            {
                StudyId = studyId, ParticipantId = participant.Id, Source = "prolific", ExternalParticipantId = prolificPid,
                ExternalStudyId = "study1", ExternalSessionId = "s" + prolificPid,
            });
        var session = new Session
        {
            StudyId = studyId, StudyVersionId = version.Id, ParticipantId = participant.Id, ConfigHash = version.ConfigHash,
            ConditionKey = condition, StartedAt = now.AddMinutes(-20), LastSeenAt = now, IsSimulated = simulated, ImportSource = importSource,
            Status = SessionStatus.InProgress,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();

        // Turn indexes and event sequences are reserved from the session's counter row, as every writer of the platform does.
        const int eventsPerSummary = 6;
        var turns = dialogue ?? [];
        var documents = summaries ?? [];
        var (firstTurn, firstSequence) = await SessionCounters.ReserveAsync(db, session.Id, turns.Count, documents.Count * eventsPerSummary);
        for (var i = 0; i < turns.Count; i++)
        {
            var role = i % 2 == 0 ? TurnRole.Participant : TurnRole.Model;
            db.Turns.Add(new Turn
            {
                SessionId = session.Id, Index = firstTurn + i, Role = role, Text = turns[i], CreatedAt = now.AddMinutes(-14 + i),
                StageKey = dialogueStage, Model = role == TurnRole.Model ? model : null,
            });
        }
        var sequence = firstSequence;
        void Event(string type, object payload)
        {
            var node = JsonSerializer.SerializeToNode(payload, Api.Tasks.TaskEventLog.Json)!.AsObject();
            node["stage"] = summaryStage;
            db.TraceEvents.Add(new TraceEvent
            {
                SessionId = session.Id, Origin = TraceOrigin.Server, Sequence = sequence, ServerTime = now.AddMinutes(-10).AddSeconds(sequence - firstSequence + 1),
                Type = type, Payload = node.ToJsonString(), StageKey = summaryStage,
            });
            sequence++;
        }
        foreach (var (document, draft, edited) in documents)
        {
            Event(SummarizationEvents.Shown, new SummarizationEvents.ShownPayload(document, 1, documents.Count));
            Event(SummarizationEvents.Draft, new SummarizationEvents.DraftPayload(document, null, draft));
            Event(SummarizationEvents.RateOriginal, new SummarizationEvents.RatingPayload(document, true, true, true));
            Event(SummarizationEvents.Edit, new SummarizationEvents.EditPayload(document, edited, true));
            Event(SummarizationEvents.RateEdited, new SummarizationEvents.RatingPayload(document, true, true, true));
            Event(SummarizationEvents.Next, new SummarizationEvents.DocumentPayload(document));
        }
        // An import arrives completed with its content in one save; a session run here completes later, in a save of its own
        // (as when a participant passes the last stage).
        if (importSource is not null) Complete(session, now);
        await db.SaveChangesAsync();
        if (importSource is not null) return session.Id;
        Complete(session, now);
        await db.SaveChangesAsync();
        return session.Id;
    }

    private static void Complete(Session session, DateTimeOffset now)
    {
        session.Status = SessionStatus.Completed;
        session.CompletedAt = now;
        session.CompletionCode = session.ImportSource is null ? "DONE" : null;
    }
}
