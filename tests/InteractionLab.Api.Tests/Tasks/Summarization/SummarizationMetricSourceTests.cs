using System.Text.Json;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks.Summarization;
using InteractionLab.Api.Tests.Monitoring;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InteractionLab.Api.Tasks.Summarization.SummarizationMetricSource;

namespace InteractionLab.Api.Tests.Tasks.Summarization;

/// <summary>
/// The summarization metrics on real PostgreSQL, from hand-written task events whose distances, times and shares
/// are worked out here by hand, read through the results page's query.
/// </summary>
public sealed class SummarizationMetricSourceTests(StaffPlatform platform) : IClassFixture<StaffPlatform>
{
    private static StudyConfig WithSummarization(StudyConfig config) => config with
    {
        Stages = config.Stages.Select(s => s.Key != "chat" ? s
            : new StageConfig("summarize", StageKind.Task, "Summaries", Task: new TaskConfig(SummarizationTask.TaskKey, Stimuli: "demo-summarization-news"))).ToList(),
    };

    private async Task<Guid> BuildAsync()
    {
        var (_, id) = await platform.CreateStudyAsync("sue", StudyStatus.Open, WithSummarization);
        var t0 = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        await using var scope = platform.Scope(out var db);
        var version = await db.StudyVersions.Where(v => v.StudyId == id).Select(v => v.Id).SingleAsync();
        Session Add(string condition)
        {
            var participant = new Participant { CreatedAt = t0 };
            db.Participants.Add(participant);
            var session = new Session
            {
                StudyId = id, StudyVersionId = version, ParticipantId = participant.Id, ConfigHash = "h", ConditionKey = condition,
                Status = SessionStatus.Completed, StageIndex = 5, StartedAt = t0, LastSeenAt = t0.AddMinutes(5), CompletedAt = t0.AddMinutes(5),
            };
            db.Sessions.Add(session);
            return session;
        }
        var sequence = 0;
        void Event(Session s, int second, string type, object payload) => db.TraceEvents.Add(new TraceEvent
        {
            SessionId = s.Id, Origin = TraceOrigin.Server, Sequence = ++sequence, ServerTime = t0.AddSeconds(second), Type = type,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web).Replace("{", "{\"stage\":\"summarize\",", StringComparison.Ordinal),
            StageKey = "summarize",
        });
        void Rate(Session s, int second, string type, string doc, bool consistent, bool coherent, bool relevant) =>
            Event(s, second, type, new SummarizationEvents.RatingPayload(doc, consistent, coherent, relevant));

        // A: "The cat sat." → "The cat sat down." in 30 s (5 characters, 2 words, 5/17); "Rain fell." kept in 10 s.
        var a = Add("warm");
        Event(a, 0, SummarizationEvents.Shown, new SummarizationEvents.ShownPayload("d1", 1, 2));
        Event(a, 2, SummarizationEvents.Draft, new SummarizationEvents.DraftPayload("d1", 0, "The cat sat."));
        Rate(a, 5, SummarizationEvents.RateOriginal, "d1", true, false, true);
        Event(a, 10, SummarizationEvents.EditStart, new SummarizationEvents.DocumentPayload("d1"));
        Event(a, 40, SummarizationEvents.Edit, new SummarizationEvents.EditPayload("d1", "The cat sat down.", true));
        Rate(a, 45, SummarizationEvents.RateEdited, "d1", true, true, true);
        Event(a, 46, SummarizationEvents.Next, new SummarizationEvents.DocumentPayload("d1"));
        Event(a, 47, SummarizationEvents.Shown, new SummarizationEvents.ShownPayload("d2", 2, 2));
        Event(a, 48, SummarizationEvents.Draft, new SummarizationEvents.DraftPayload("d2", 1, "Rain fell."));
        Rate(a, 49, SummarizationEvents.RateOriginal, "d2", false, false, true);
        Event(a, 50, SummarizationEvents.EditStart, new SummarizationEvents.DocumentPayload("d2"));
        Event(a, 55, SummarizationEvents.Edit, new SummarizationEvents.EditPayload("d2", "Rain", false)); // a snapshot, then undone
        Event(a, 60, SummarizationEvents.Edit, new SummarizationEvents.EditPayload("d2", "Rain fell.", true));
        Rate(a, 62, SummarizationEvents.RateEdited, "d2", true, true, true);
        Event(a, 63, SummarizationEvents.Next, new SummarizationEvents.DocumentPayload("d2"));

        // B: "Abc" → "Xyz" (3 characters, 1 word, 1.0); no edit-start, so the time runs from the rating at 100 s to 112 s.
        var b = Add("warm");
        Event(b, 90, SummarizationEvents.Shown, new SummarizationEvents.ShownPayload("d1", 1, 2));
        Event(b, 95, SummarizationEvents.Draft, new SummarizationEvents.DraftPayload("d1", 0, "Abc"));
        Rate(b, 100, SummarizationEvents.RateOriginal, "d1", true, true, false);
        Event(b, 112, SummarizationEvents.Edit, new SummarizationEvents.EditPayload("d1", "Xyz", true));

        Add("cool"); // nothing summarised
        await db.SaveChangesAsync();
        return id;
    }

    private static ResultCell Cell(StudyResults r, string metric, string condition) =>
        r.Rows.Single(row => row.Metric.Key == metric).Cells.Single(c => c.Condition == condition);

    private static void AssertCell(ResultCell cell, int n, double mean, double se)
    {
        Assert.Equal(n, cell.N);
        Assert.Equal(mean, cell.Mean, 6);
        if (double.IsNaN(se)) Assert.True(double.IsNaN(cell.StandardError), $"SE {cell.StandardError} should be undefined");
        else Assert.Equal(se, cell.StandardError, 6);
    }

    [Fact]
    public async Task EditDistancesTimesAndRatingsComeFromTheEventsOfEverySession()
    {
        var id = await BuildAsync();
        await using var scope = platform.Scope(out _);

        var r = await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().GetAsync(StaffPlatform.User("sue"), id, new());

        AssertCell(Cell(r, Documents, "warm"), 2, 1, 1); // 2 and 0 moved on
        AssertCell(Cell(r, CharacterDistance, "warm"), 2, 2.75, 0.25); // (5 + 0) / 2 = 2.5 and 3
        AssertCell(Cell(r, WordDistance, "warm"), 2, 1, 0); // (2 + 0) / 2 = 1 and 1
        AssertCell(Cell(r, NormalizedDistance, "warm"), 2, (5 / 34.0 + 1) / 2, (1 - 5 / 34.0) / 2); // (5/17 + 0) / 2 and 1
        AssertCell(Cell(r, EditingSeconds, "warm"), 2, 16, 4); // (30 + 10) / 2 = 20 and 12
        AssertCell(Cell(r, Rating("original", "consistent"), "warm"), 2, 0.75, 0.25); // 1 of 2 and 1 of 1
        AssertCell(Cell(r, Rating("original", "coherent"), "warm"), 2, 0.5, 0.5); // 0 of 2 and 1 of 1
        AssertCell(Cell(r, Rating("original", "relevant"), "warm"), 2, 0.5, 0.5); // 2 of 2 and 0 of 1
        AssertCell(Cell(r, Rating("edited", "coherent"), "warm"), 1, 1, double.NaN); // B never rated an edit
        AssertCell(Cell(r, Documents, "cool"), 1, 0, double.NaN);
        AssertCell(Cell(r, CharacterDistance, "cool"), 0, double.NaN, double.NaN); // nothing edited: left out, not 0
    }

    [Fact]
    public async Task AStudyWithoutASummarizationStageHasNoSummarizationRows()
    {
        var (_, id) = await platform.CreateStudyAsync("sue", StudyStatus.Open);
        await using var scope = platform.Scope(out _);

        var r = await scope.ServiceProvider.GetRequiredService<StudyResultsQuery>().GetAsync(StaffPlatform.User("sue"), id, new());

        Assert.DoesNotContain(r.Rows, row => row.Metric.Key.StartsWith("summarization:", StringComparison.Ordinal));
    }
}
