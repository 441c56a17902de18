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
/// The metaphor metric source on real PostgreSQL, over hand-written browser events: session A (warm) asked twice,
/// saw two lists and picked one (acceptance ½, "a long road" → "Love is a long road." = 9 edits, 9/20 normalised);
/// session B (cool) picked its only list's suggestion (acceptance 1, "Time flies" → "Time crawls." = 6, 6/12).
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
    public async Task QueriesOpensSelectsAcceptanceAndEditDistancesComeFromTheStoredBrowserEvents()
    {
        var results = await ResultsAsync(await BuildAsync());

        (double, double) Both(string metric) => (Cell(results, metric, "warm").Mean, Cell(results, metric, "cool").Mean);
        Assert.Equal((2, 1), Both(MetaphorWritingMetricSource.Queries));
        Assert.Equal((2, 1), Both(MetaphorWritingMetricSource.Opens));
        Assert.Equal((1, 1), Both(MetaphorWritingMetricSource.Selects));
        Assert.Equal((0.5, 1), Both(MetaphorWritingMetricSource.AcceptanceRate));
        Assert.Equal((9, 6), Both(MetaphorWritingMetricSource.EditDistance));
        Assert.Equal((0.45, 0.5), Both(MetaphorWritingMetricSource.NormalizedEditDistance));
        Assert.Equal(1, Cell(results, MetaphorWritingMetricSource.AcceptanceRate, "warm").N);
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
            string[] lines =
            [
                """{"eventName":"system-initialize","eventSource":"api","currentDoc":"Once"}""",
                """{"eventName":"suggestion-get","eventSource":"user"}""",
                """{"eventName":"suggestion-open","eventSource":"api","currentSuggestions":[{"original":" upon a time"}]}""",
                """{"eventName":"suggestion-select","eventSource":"user","textDelta":{"ops":[{"retain":4},{"insert":" upon a time"}]}}""",
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

        Assert.Equal(1, Cell(results, MetaphorWritingMetricSource.Selects, "warm").Mean);
        Assert.Equal(1, Cell(results, MetaphorWritingMetricSource.AcceptanceRate, "warm").Mean);
        // "upon a time" → "Once upon a time" (no sentence end): 5 characters added.
        Assert.Equal(5, Cell(results, MetaphorWritingMetricSource.EditDistance, "warm").Mean);
    }
}
