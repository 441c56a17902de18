using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Surveys;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

/// <summary>Minimum times and time limits, measured on the server's clock from when the stage started.</summary>
public sealed class StageTimingTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly SurveyItem[] Items =
    [
        new("mood", SurveyItemKind.Likert, "How do you feel?"),
        new("colour", SurveyItemKind.MultipleChoice, "Favourite colour?", Options: ["red", "blue"]),
        new("note", SurveyItemKind.FreeText, "Anything else?", Required: false),
    ];

    private Task<(string Slug, Guid Id)> CreateAsync(StageConfig middle) => platform.CreateAsync(c => c with
    {
        Stages = [c.Stages[0], middle, c.Stages[^1]],
    });

    private async Task BackdateStageAsync(SessionId id, int seconds)
    {
        await using var scope = platform.Scope(out var db);
        await db.Sessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StageStartedAt, DateTimeOffset.UtcNow.AddSeconds(-seconds)));
    }

    [Fact]
    public async Task GoingOnBeforeTheMinimumTimeIsRefusedWithAClearMessageAndTheClockSaysHowLong()
    {
        var (slug, _) = await CreateAsync(new StageConfig("read", StageKind.Instructions, "Read carefully", "Text", MinSeconds: 600));
        var p = await platform.Factory.ConsentAsync(slug);
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<ParticipantSessionService>();

        var view = await sessions.GetSessionAsync(p.SessionId);
        var refused = await Assert.ThrowsAsync<PlatformProblemException>(() => sessions.CompleteStageAsync(p.SessionId, "read"));
        await BackdateStageAsync(p.SessionId, 601);
        await using var later = platform.Factory.Services.CreateAsyncScope(); // a new request: nothing cached
        var after = await later.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(p.SessionId, "read");

        Assert.InRange(view.Clock!.UntilNext!.Value.TotalSeconds, 590, 600);
        Assert.Null(view.Clock.Remaining);
        Assert.Equal(409, refused.Status);
        Assert.StartsWith("Please spend at least 600 seconds on 'Read carefully' before going on", refused.Detail);
        Assert.Equal(SessionStatus.Completed, after.Status);
    }

    [Fact]
    public async Task ASurveyBeforeItsMinimumTimeIsRefusedAndNothingIsSaved()
    {
        var (slug, _) = await CreateAsync(new StageConfig("q", StageKind.Survey, "Questions", Survey: new SurveyConfig(Items), MinSeconds: 120));
        var p = await platform.Factory.ConsentAsync(slug);
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var surveys = scope.ServiceProvider.GetRequiredService<SurveyService>();

        var refused = await Assert.ThrowsAsync<PlatformProblemException>(() => surveys.SubmitAsync(p.SessionId, "q", [new("mood", "3"), new("colour", "red")]));

        Assert.Equal(409, refused.Status);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.False(await db.SurveyResponses.AnyAsync(r => r.SessionId == p.SessionId));
    }

    [Fact]
    public async Task ATimedOutStageIsAcceptedOnlyOnceTheServersClockAgreesAndTheTimeoutIsRecorded()
    {
        var (slug, _) = await CreateAsync(new StageConfig("read", StageKind.Instructions, "Read", "Text", TimeLimitSeconds: 60));
        var p = await platform.Factory.ConsentAsync(slug);
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<ParticipantSessionService>();

        var early = await Assert.ThrowsAsync<PlatformProblemException>(() => sessions.CompleteStageAsync(p.SessionId, "read", timedOut: true));
        await BackdateStageAsync(p.SessionId, 61);
        await using var later = platform.Factory.Services.CreateAsyncScope(); // a new request: nothing cached
        var view = await later.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(p.SessionId, "read", timedOut: true);

        Assert.Contains("is not up yet", early.Detail);
        Assert.Equal(SessionStatus.Completed, view.Status);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var timedOut = await db.TraceEvents.Where(e => e.SessionId == p.SessionId && e.Type == "stage.timed-out").Select(e => e.Payload).SingleAsync();
        var payload = System.Text.Json.JsonDocument.Parse(timedOut).RootElement;
        Assert.Equal("read", payload.GetProperty("stage").GetString());
        Assert.Equal(60, payload.GetProperty("limitSeconds").GetInt32());
        Assert.True(payload.GetProperty("elapsedSeconds").GetDouble() >= 60);
    }

    [Fact]
    public async Task ATimedOutSurveyKeepsWhatWasFilledAndMarksMissingRequiredQuestionsAsTimedOut()
    {
        var (slug, _) = await CreateAsync(new StageConfig("q", StageKind.Survey, "Questions", Survey: new SurveyConfig(Items), TimeLimitSeconds: 30));
        var p = await platform.Factory.ConsentAsync(slug);
        await BackdateStageAsync(p.SessionId, 31);
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var surveys = scope.ServiceProvider.GetRequiredService<SurveyService>();

        var view = await surveys.SubmitAsync(p.SessionId, "q", [new("mood", "4")], timedOut: true);

        Assert.Equal(SessionStatus.Completed, view.Status);
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var saved = await db.SurveyResponses.Where(r => r.SessionId == p.SessionId).OrderBy(r => r.ItemKey)
            .Select(r => new { r.ItemKey, r.Value, r.TimedOut }).ToListAsync();
        Assert.Equal([new { ItemKey = "colour", Value = "", TimedOut = true }, new { ItemKey = "mood", Value = "4", TimedOut = false }], saved);
        Assert.True(await db.TraceEvents.AnyAsync(e => e.SessionId == p.SessionId && e.Type == "stage.timed-out"));
    }
}
