using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks.MetaphorWriting;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.MetaphorWriting;

/// <summary>
/// The metaphor metric source on real PostgreSQL, over hand-written browser events: session A (warm) added one
/// sentence (worked out in <see cref="WritingEvents.LoveIsAJourney"/>); session B (cool) picked a suggestion but never
/// added a sentence, so it has no per-sentence values and 0 sentences.
/// </summary>
public sealed class MetaphorWritingMetricsTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private static StudyConfig WithMetaphorStage(StudyConfig config) => config with
    {
        Stages = config.Stages.Select(s => s.Key != "chat" ? s : new StageConfig("write", StageKind.Task, "Write",
            Task: new TaskConfig(MetaphorWritingTask.TaskKey, Stimuli: MetaphorSeedFormat.DemoKey), MinSeconds: 600)).ToList(),
    };

    private async Task<Guid> BuildAsync()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open, WithMetaphorStage);
        var now = DateTimeOffset.UtcNow;
        await using var scope = platform.Scope(out var db);
        var version = await db.StudyVersions.Where(v => v.StudyId == id).Select(v => v.Id).SingleAsync();
        void Add(string condition, IReadOnlyList<StoredWritingEvent> events, string? importSource = null)
        {
            var participant = new Participant { CreatedAt = now };
            db.Participants.Add(participant);
            var session = new Session
            {
                StudyId = id, StudyVersionId = version, ParticipantId = participant.Id, ConfigHash = "h", ConditionKey = condition,
                Status = SessionStatus.Completed, StageIndex = 5, StartedAt = now.AddMinutes(-15), LastSeenAt = now, CompletedAt = now,
                ImportSource = importSource,
            };
            db.Sessions.Add(session);
            var sequence = 0;
            foreach (var e in events)
            {
                db.TraceEvents.Add(new TraceEvent
                {
                    SessionId = session.Id, Origin = TraceOrigin.Client, Sequence = ++sequence, ClientTimeMs = e.ClientTimeMs,
                    ServerTime = now, Type = e.Type, Payload = e.Payload,
                });
            }
            // Events of the general logger are in the same table and must not disturb the writing trace.
            db.TraceEvents.Add(new TraceEvent { SessionId = session.Id, Origin = TraceOrigin.Client, Sequence = ++sequence, ServerTime = now, Type = "window.blur", Payload = "{}" });
        }
        Add("warm", WritingEvents.LoveIsAJourney());
        Add("cool", WritingEvents.TimeCrawls());
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<StudyResults> ResultsAsync(Guid id)
    {
        await using var scope = platform.Scope(out _);
        return await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().GetAsync(StaffPlatform.User("rita"), id, new());
    }

    private static ResultCell Cell(StudyResults r, string metric, string condition) =>
        r.Rows.Single(row => row.Metric.Key == metric).Cells.Single(c => c.Condition == condition);

    [Fact]
    public async Task PerSentenceMeasuresComeFromTheStoredBrowserEventsAndSentencesPerSessionCountEverySession()
    {
        var results = await ResultsAsync(await BuildAsync());

        Assert.Equal((1, 1), (Cell(results, MetaphorWritingMetricSource.Sentences, "warm").Mean, Cell(results, MetaphorWritingMetricSource.Sentences, "warm").N));
        Assert.Equal((0, 1), (Cell(results, MetaphorWritingMetricSource.Sentences, "cool").Mean, Cell(results, MetaphorWritingMetricSource.Sentences, "cool").N));
        Assert.Equal(0.12, Cell(results, MetaphorWritingMetricSource.ElapsedTime, "warm").Mean);
        Assert.Equal(1, Cell(results, MetaphorWritingMetricSource.Queries, "warm").Mean);
        Assert.Equal(8, Cell(results, MetaphorWritingMetricSource.Events, "warm").Mean);
        Assert.Equal(100, Cell(results, MetaphorWritingMetricSource.Acceptance, "warm").Mean);
        Assert.Equal(3, Cell(results, MetaphorWritingMetricSource.EditTokens, "warm").Mean);
        Assert.Equal(9, Cell(results, MetaphorWritingMetricSource.EditCharacters, "warm").Mean);
        Assert.Equal(0, Cell(results, MetaphorWritingMetricSource.Acceptance, "cool").N);
    }

    [Fact]
    public async Task AnImportedCoAuthorSessionIsMeasuredThroughTheSameConversion()
    {
        var (_, id) = await platform.CreateStudyAsync("rita", StudyStatus.Open);
        await using (var scope = platform.Scope(out var db))
        {
            var version = await db.StudyVersions.Where(v => v.StudyId == id).Select(v => v.Id).SingleAsync();
            var participant = new Participant { CreatedAt = DateTimeOffset.UtcNow };
            var session = new Session
            {
                StudyId = id, StudyVersionId = version, ParticipantId = participant.Id, ConfigHash = "h", ConditionKey = "warm",
                Status = SessionStatus.Completed, StartedAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow,
                CompletedAt = DateTimeOffset.UtcNow, ImportSource = "coauthor:s1.jsonl",
            };
            db.AddRange(participant, session);
            // A HALIE-style log: the model's text is an api text-insert, the sentence a template-add with a string delta.
            string[] lines =
            [
                """{"eventName":"system-initialize","eventSource":"api","eventTimestamp":1000,"currentDoc":"Once"}""",
                """{"eventName":"suggestion-get","eventSource":"user","eventTimestamp":2000}""",
                """{"eventName":"suggestion-open","eventSource":"api","eventTimestamp":3000,"currentSuggestions":[{"original":" upon a time"}]}""",
                """{"eventName":"suggestion-select","eventSource":"user","eventTimestamp":4000,"textDelta":""}""",
                """{"eventName":"text-insert","eventSource":"api","eventTimestamp":4001,"textDelta":{"ops":[{"retain":4},{"insert":" upon a time"}]}}""",
                """{"eventName":"template-add","eventSource":"user","eventTimestamp":5000,"textDelta":"Once upon a time"}""",
            ];
            var sequence = 0;
            foreach (var line in lines)
            {
                var name = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("eventName").GetString()!;
                db.TraceEvents.Add(new TraceEvent { SessionId = session.Id, Origin = TraceOrigin.Client, Sequence = ++sequence, ServerTime = DateTimeOffset.UtcNow, Type = name, Payload = line });
            }
            await db.SaveChangesAsync();
        }

        var results = await ResultsAsync(id);

        // One block of 6 events, 4000 ms → round(4/60, 2) = 0.07 min; 1 open, 1 select → 100; "upon a time" →
        // "Once upon a time": 1 token, 5 characters inserted.
        Assert.Equal(0.07, Cell(results, MetaphorWritingMetricSource.ElapsedTime, "warm").Mean);
        Assert.Equal(6, Cell(results, MetaphorWritingMetricSource.Events, "warm").Mean);
        Assert.Equal(100, Cell(results, MetaphorWritingMetricSource.Acceptance, "warm").Mean);
        Assert.Equal(1, Cell(results, MetaphorWritingMetricSource.EditTokens, "warm").Mean);
        Assert.Equal(5, Cell(results, MetaphorWritingMetricSource.EditCharacters, "warm").Mean);
    }
}
