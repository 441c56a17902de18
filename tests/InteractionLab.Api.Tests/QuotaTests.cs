using System.Net;
using System.Text.Json;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests;

/// <summary>Condition quotas: full conditions are skipped, a full study screens out, pilots and abandoned sessions free places.</summary>
public sealed class QuotaTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task FullConditionsAreNeverAssignedAndAFullStudyTurnsParticipantsAwayWithNothingRecorded()
    {
        var (slug, studyId) = await platform.CreateAsync(c => c with
        {
            Conditions = [c.Conditions[0] with { Quota = 1 }, c.Conditions[1] with { Quota = 2 }],
            Recruitment = c.Recruitment with { ScreenOutCode = "FULL-1", ScreenOutRedirectUrl = "https://app.prolific.com/submissions/complete" },
        });
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => platform.Factory.ConsentAsync(slug, prolificPid: $"quota{i}")));

        using var api = await platform.Factory.PostConsentAsync(slug, prolificPid: "latecomer");
        using var browser = await platform.Factory.PostConsentAsync(slug, prolificPid: "latecomer2", fromBrowser: true);

        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ParticipantSessionService.StudyFullTitle, problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.SeeOther, browser.StatusCode);
        Assert.EndsWith("?problem=full", browser.Headers.Location!.ToString());
        await using var scope = platform.Scope(out var db);
        var split = await db.Sessions.Where(s => s.StudyId == studyId).GroupBy(s => s.ConditionKey)
            .ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(1, split["warm"]);
        Assert.Equal(2, split["cool"]);
        Assert.False(await db.ParticipantExternalIds.AnyAsync(x => x.StudyId == studyId && x.ExternalParticipantId.StartsWith("latecomer")));
    }

    [Fact]
    public void TheStudyFullPageGetsTheScreenOutRedirectWithItsCode()
    {
        var recruitment = new RecruitmentConfig("DONE", "https://app.prolific.com/submissions/complete", RecruitmentPlatform.Prolific,
            ScreenOutCode: "FULL-1", ScreenOutRedirectUrl: "https://app.prolific.com/submissions/complete");

        Assert.Equal("https://app.prolific.com/submissions/complete?cc=FULL-1", ParticipantSessionService.ScreenOutRedirect(recruitment));
        Assert.Null(ParticipantSessionService.ScreenOutRedirect(recruitment with { Platform = RecruitmentPlatform.None }));
    }

    [Fact]
    public async Task SimulatedAndAbandonedSessionsDoNotTakeAPlace()
    {
        var (slug, studyId) = await platform.CreateAsync(c => c with
        {
            Conditions = [c.Conditions[0] with { Quota = 1 }],
            Assignment = new AssignmentConfig(AbandonAfterMinutes: 30),
        });
        var pilot = await platform.Factory.ConsentAsync(slug);
        await using (var scope = platform.Scope(out var db))
            await db.Sessions.Where(s => s.Id == pilot.SessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.IsSimulated, true));

        var real = await platform.Factory.ConsentAsync(slug);
        using (var full = await platform.Factory.PostConsentAsync(slug))
            Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        await using (var scope = platform.Scope(out var db))
            await db.Sessions.Where(s => s.Id == real.SessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, DateTimeOffset.UtcNow.AddHours(-2)));
        var replacement = await platform.Factory.ConsentAsync(slug);

        await using var check = platform.Scope(out var db2);
        var sessions = await db2.Sessions.Where(s => s.StudyId == studyId).ToDictionaryAsync(s => s.Id);
        Assert.Equal(SessionStatus.Abandoned, sessions[real.SessionId].Status);
        Assert.Equal(SessionStatus.InProgress, sessions[replacement.SessionId].Status);
        Assert.Equal(3, sessions.Count);
    }
}
