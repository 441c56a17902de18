using System.Text.Json;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks.QuestionAnswering;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Tasks.QuestionAnswering;

/// <summary>
/// The question-answering metrics through the real results query on PostgreSQL, from hand-written events whose
/// metrics are worked out here by hand. Right answers of the demo set: planet b, water b, spider b, ocean d,
/// colour-check c (the attention check).
/// </summary>
public sealed class QuestionAnsweringMetricSourceTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private readonly DateTimeOffset start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static Session AddSession(PlatformDbContext db, Guid studyId, Guid version, string condition, DateTimeOffset started)
    {
        var participant = new Participant { CreatedAt = started };
        db.Participants.Add(participant);
        var session = new Session
        {
            StudyId = studyId, StudyVersionId = version, ParticipantId = participant.Id, ConfigHash = "h", ConditionKey = condition,
            Status = SessionStatus.Completed, StageIndex = 2, StartedAt = started, LastSeenAt = started.AddMinutes(5), CompletedAt = started.AddMinutes(5),
        };
        db.Sessions.Add(session);
        return session;
    }

    private void Events(PlatformDbContext db, Session session, params (double Seconds, string Type, object Payload)[] events)
    {
        var sequence = 0;
        foreach (var (seconds, type, payload) in events)
        {
            var node = JsonSerializer.SerializeToNode(payload)!.AsObject();
            node["stage"] = "qa";
            db.TraceEvents.Add(new TraceEvent
            {
                SessionId = session.Id, Origin = TraceOrigin.Server, Sequence = ++sequence, ServerTime = start.AddSeconds(seconds),
                Type = type, Payload = node.ToJsonString(), StageKey = "qa",
            });
        }
    }

    private static (double, string, object) Shown(double t, string item, bool assisted) => (t, "qa.shown", new { item, assisted, position = 0, count = 11 });
    private static (double, string, object) Query(double t, string item) => (t, "qa.query", new { item, length = 10 });
    private static (double, string, object) Answer(double t, string item, string choice) => (t, "qa.answer", new { item, choice });
    private static (double, string, object) Next(double t, string item) => (t, "qa.next", new { item });

    [Fact]
    public async Task AccuracyTimeQueriesAndTheAttentionCheckAreComputedPerSessionFromTheStoredEvents()
    {
        var (_, studyId) = await platform.CreateAsync(c => QaStudies.Config(c));
        await using (var scope = platform.Scope(out var db))
        {
            var version = await db.StudyVersions.Where(v => v.StudyId == studyId).Select(v => v.Id).SingleAsync();
            var a = AddSession(db, studyId, version, "warm", start);
            Events(db, a,
                Shown(0, "planet", true), Query(2, "planet"), Query(5, "planet"), Answer(8, "planet", "b"), Next(10, "planet"),
                Shown(10, "water", false), Answer(14, "water", "b"), Answer(16, "water", "a"), Next(20, "water"),
                Shown(20, "colour-check", false), Answer(23, "colour-check", "c"), Next(25, "colour-check"),
                Shown(25, "ocean", true), Answer(31, "ocean", "a"), Next(37, "ocean"),
                (37.5, "qa.blur", new { item = "ocean" }));
            var b = AddSession(db, studyId, version, "cool", start);
            Events(db, b,
                Shown(0, "planet", false), Answer(4, "planet", "c"), Next(6, "planet"),
                Shown(6, "colour-check", false), Answer(9, "colour-check", "a"), Next(11, "colour-check"),
                Shown(11, "spider", true), Query(12, "spider"), Answer(20, "spider", "b"));
            await db.SaveChangesAsync();
        }

        await using var query = platform.Factory.Services.CreateAsyncScope();
        var db2 = query.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var study = await db2.Studies.SingleAsync(s => s.Id == studyId);
        var results = await query.ServiceProvider.GetRequiredService<StudyResultsQuery>().ComputeAsync(study, new ResultsOptions());
        double Cell(string metric, string condition) =>
            Assert.Single(results.Rows.Single(r => r.Metric.Key == metric).Cells, c => c.Condition == condition && c.N == 1).Mean;

        // warm: assisted planet right, ocean wrong; unassisted water wrong (the last choice counts); 10 + 10 + 12 s;
        // 2 + 0 queries over the two assisted questions; attention check passed.
        Assert.Equal(0.5, Cell(QuestionAnsweringMetricSource.AccuracyWithLm, "warm"), 6);
        Assert.Equal(0.0, Cell(QuestionAnsweringMetricSource.AccuracyWithoutLm, "warm"), 6);
        Assert.Equal(32.0 / 3, Cell(QuestionAnsweringMetricSource.SecondsPerQuestion, "warm"), 6);
        Assert.Equal(1.0, Cell(QuestionAnsweringMetricSource.QueriesPerAssistedQuestion, "warm"), 6);
        Assert.Equal(1.0, Cell(QuestionAnsweringMetricSource.AttentionCheckPassed, "warm"), 6);
        // cool: spider (assisted) right but never left, so untimed; planet wrong in 6 s; one query; check failed.
        Assert.Equal(1.0, Cell(QuestionAnsweringMetricSource.AccuracyWithLm, "cool"), 6);
        Assert.Equal(0.0, Cell(QuestionAnsweringMetricSource.AccuracyWithoutLm, "cool"), 6);
        Assert.Equal(6.0, Cell(QuestionAnsweringMetricSource.SecondsPerQuestion, "cool"), 6);
        Assert.Equal(1.0, Cell(QuestionAnsweringMetricSource.QueriesPerAssistedQuestion, "cool"), 6);
        Assert.Equal(0.0, Cell(QuestionAnsweringMetricSource.AttentionCheckPassed, "cool"), 6);
    }

    [Fact]
    public async Task AStudyWithoutAQuestionAnsweringStageGetsNoQuestionAnsweringRows()
    {
        var (_, studyId) = await platform.CreateAsync();
        await using var query = platform.Factory.Services.CreateAsyncScope();
        var db = query.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var study = await db.Studies.SingleAsync(s => s.Id == studyId);

        var results = await query.ServiceProvider.GetRequiredService<StudyResultsQuery>().ComputeAsync(study, new ResultsOptions());

        Assert.DoesNotContain(results.Rows, r => r.Metric.Key.StartsWith("qa:", StringComparison.Ordinal));
        Assert.Contains(results.Rows, r => r.Metric.Key == "dialogue:participant-turns");
    }
}
