using System.Net;
using System.Net.Http.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests;

/// <summary>
/// Recruitment ids are in URLs that others see (a PROLIFIC_PID is guessable), so they never open a session, not even
/// with the same submission's SESSION_ID: only the study's cookie or the resume code does (issues 3 and 13).
/// </summary>
public sealed class ResumeByProlificIdTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Secret = "my private message about my birthday plans";

    [Fact]
    public async Task SamePidAndSessionIdWithoutTheCookieAskForTheResumeCodeAndOpenNothing()
    {
        var (slug, studyId) = await platform.CreateAsync();
        var first = await platform.Factory.ConsentAsync(slug, prolificPid: "pidmatch", prolificSessionId: "subm1");
        await SayAsync(first.SessionId, Secret);

        using var api = await platform.Factory.PostConsentAsync(slug, prolificPid: "pidmatch", prolificSessionId: "subm1");
        using var browser = await platform.Factory.PostConsentAsync(slug, prolificPid: "pidmatch", prolificSessionId: "subm1", fromBrowser: true);

        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(ReturningParticipants.ResumeCodeNeededTitle, problem!.Title);
        Assert.DoesNotContain(Secret, problem.Detail);
        Assert.False(api.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.SeeOther, browser.StatusCode);
        Assert.Equal($"/s/{slug}/resume?reason=started", browser.Headers.Location?.ToString());
        Assert.False(browser.Headers.Contains("Set-Cookie"));
        await using var scope = platform.Scope(out var db);
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.StudyId == studyId));
    }

    [Theory]
    [InlineData("another-submission")]
    [InlineData(null)]
    public async Task SamePidWithAnotherOrNoSessionIdIsRefusedWithoutTheTranscript(string? otherSessionId)
    {
        var (slug, studyId) = await platform.CreateAsync();
        var first = await platform.Factory.ConsentAsync(slug, prolificPid: "pidvictim", prolificSessionId: "subm1");
        await SayAsync(first.SessionId, Secret);
        var query = "?PROLIFIC_PID=pidvictim&STUDY_ID=study1" + (otherSessionId is null ? "" : "&SESSION_ID=" + otherSessionId);

        using var response = await platform.Factory.PostConsentAsync(slug, query: query);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, body);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("already taken part in this study from another browser", problem!.Detail);
        await using var scope = platform.Scope(out var db);
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.StudyId == studyId));
    }

    [Fact]
    public async Task ABrowserRefusedIsSentToTheFriendlyLandingPage()
    {
        var (slug, _) = await platform.CreateAsync();
        await platform.Factory.ConsentAsync(slug, prolificPid: "pidbrowser", prolificSessionId: "subm1");

        using var response = await platform.Factory.PostConsentAsync(slug, prolificPid: "pidbrowser", prolificSessionId: "subm2", fromBrowser: true);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/s/{slug}?problem=taken-part", response.Headers.Location?.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData(StudyStatus.Paused)]
    [InlineData(StudyStatus.Closed)]
    public async Task ABrowserConsentingToAStudyPausedMeanwhileIsSentToTheLandingPageNotRawJson(StudyStatus status)
    {
        var (slug, studyId) = await platform.CreateAsync();
        await using (var scope = platform.Scope(out var db))
            await db.Studies.Where(s => s.Id == studyId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status));

        using var response = await platform.Factory.PostConsentAsync(slug, prolificPid: "pidlate", prolificSessionId: "subm1", fromBrowser: true);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/s/{slug}?problem=not-open", response.Headers.Location?.ToString());
        await using var check = platform.Scope(out var after);
        Assert.Equal(0, await after.Sessions.CountAsync(s => s.StudyId == studyId));
    }

    [Fact]
    public async Task TheCookieResumesWhateverTheProlificIds()
    {
        var (slug, _) = await platform.CreateAsync();
        var first = await platform.Factory.ConsentAsync(slug, prolificPid: "pidcookie", prolificSessionId: "subm1");

        var again = await platform.Factory.ConsentAsync(slug, prolificPid: "pidcookie", cookie: first.Cookie, prolificSessionId: "subm2");

        Assert.Equal(first.SessionId, again.SessionId);
    }

    [Fact]
    public async Task ACompletedSessionWithoutProofShowsOnlyThatItIsCompleted()
    {
        var (slug, _) = await platform.CreateAsync();
        var first = await platform.Factory.ConsentAsync(slug, prolificPid: "piddone", prolificSessionId: "subm1");
        await using (var scope = platform.Scope(out var db))
            await db.Sessions.Where(s => s.Id == first.SessionId).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, SessionStatus.Completed).SetProperty(s => s.CompletionCode, "SECRETCODE"));

        using var otherSubmission = await platform.Factory.PostConsentAsync(slug, prolificPid: "piddone", prolificSessionId: "subm2");
        using var sameSubmission = await platform.Factory.PostConsentAsync(slug, prolificPid: "piddone", prolificSessionId: "subm1");
        using var browser = await platform.Factory.PostConsentAsync(slug, prolificPid: "piddone", prolificSessionId: "subm1", fromBrowser: true);

        foreach (var refused in new[] { otherSubmission, sameSubmission })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Contains("already completed", body);
            Assert.DoesNotContain("SECRETCODE", body);
            Assert.False(refused.Headers.Contains("Set-Cookie"));
        }
        Assert.Equal($"/s/{slug}/resume?reason=completed", browser.Headers.Location?.ToString());
    }

    private async Task SayAsync(SessionId session, string text)
    {
        await using var scope = platform.Scope(out var db);
        db.Turns.Add(new Turn { SessionId = session, Index = 0, Role = TurnRole.Participant, Text = text, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }
}
