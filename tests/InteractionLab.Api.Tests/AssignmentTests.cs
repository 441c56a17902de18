using System.Net;
using System.Net.Http.Json;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests;

public sealed class AssignmentTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task FortyParallelConsentsOverTwoConditionsSplitTwentyTwenty()
    {
        var (slug, studyId) = await platform.CreateAsync();
        var consents = Enumerable.Range(0, 40).Select(i => platform.Factory.ConsentAsync(slug, prolificPid: $"worker{i}"));
        var participants = await Task.WhenAll(consents);

        Assert.Equal(40, participants.Select(p => p.SessionId).Distinct().Count());
        await using var scope = platform.Scope(out var db);
        var perCondition = await db.Sessions.Where(s => s.StudyId == studyId)
            .GroupBy(s => s.ConditionKey).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(20, perCondition["warm"]);
        Assert.Equal(20, perCondition["cool"]);
    }

    [Fact]
    public async Task AbandonedSessionFreesItsSlotForTheNextParticipant()
    {
        var (slug, studyId) = await platform.CreateAsync(c => c with { Assignment = new AssignmentConfig(AbandonAfterMinutes: 30) });
        var first = await platform.Factory.ConsentAsync(slug);
        var second = await platform.Factory.ConsentAsync(slug);
        await using (var scope = platform.Scope(out var db))
            await db.Sessions.Where(s => s.Id == first.SessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, DateTimeOffset.UtcNow.AddHours(-2)));

        var third = await platform.Factory.ConsentAsync(slug);

        await using var check = platform.Scope(out var db2);
        var sessions = await db2.Sessions.Where(s => s.StudyId == studyId).ToDictionaryAsync(s => s.Id);
        Assert.NotEqual(sessions[first.SessionId].ConditionKey, sessions[second.SessionId].ConditionKey);
        Assert.Equal(SessionStatus.Abandoned, sessions[first.SessionId].Status);
        Assert.Equal(sessions[first.SessionId].ConditionKey, sessions[third.SessionId].ConditionKey);
    }

    [Fact]
    public async Task AbandonedParticipantWhoReturnsResumesTheirOwnSession()
    {
        var (slug, _) = await platform.CreateAsync(c => c with { Assignment = new AssignmentConfig(AbandonAfterMinutes: 30) });
        var first = await platform.Factory.ConsentAsync(slug, prolificPid: "slowworker");
        await using (var scope = platform.Scope(out var db))
            await db.Sessions.Where(s => s.Id == first.SessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, DateTimeOffset.UtcNow.AddHours(-2)));
        await platform.Factory.ConsentAsync(slug);

        var back = await platform.Factory.ConsentAsync(slug, prolificPid: "slowworker", cookie: first.Cookie);

        Assert.Equal(first.SessionId, back.SessionId);
        await using var check = platform.Scope(out var db2);
        Assert.Equal(SessionStatus.InProgress, (await db2.Sessions.SingleAsync(s => s.Id == first.SessionId)).Status);
    }

    [Fact]
    public async Task SameProlificSubmissionOnAnotherDeviceContinuesTheSameSessionWithTheResumeCode()
    {
        var (slug, studyId) = await platform.CreateAsync();
        var first = await platform.Factory.ConsentAsync(slug, prolificPid: "5f1e0c0ffee");
        using (var idsAlone = await platform.Factory.PostConsentAsync(slug, prolificPid: "5f1e0c0ffee"))
            Assert.Equal(System.Net.HttpStatusCode.Conflict, idsAlone.StatusCode);
        var again = await platform.Factory.ResumeAsync(slug, first.ResumeCode!);

        Assert.Equal(first.SessionId, again.SessionId);
        await using var scope = platform.Scope(out var db);
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.StudyId == studyId));
        Assert.Equal(1, await db.ParticipantExternalIds.CountAsync(x => x.StudyId == studyId && x.ExternalParticipantId == "5f1e0c0ffee"));
    }

    [Fact]
    public async Task ConcurrentConsentsOfOneWorkerCreateOneSession()
    {
        var (slug, studyId) = await platform.CreateAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => platform.Factory.PostConsentAsync(slug, prolificPid: "doubleclicker")));

        // One click wins; the others meet a session that is not theirs without its cookie, and start nothing.
        Assert.Single(results, r => r.StatusCode == System.Net.HttpStatusCode.SeeOther);
        Assert.All(results.Where(r => r.StatusCode != System.Net.HttpStatusCode.SeeOther), r => Assert.Equal(System.Net.HttpStatusCode.Conflict, r.StatusCode));
        await using var scope = platform.Scope(out var db);
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.StudyId == studyId));
    }

    [Fact]
    public async Task SameCookieResumesTheSameSession()
    {
        var (slug, _) = await platform.CreateAsync();
        var first = await platform.Factory.ConsentAsync(slug);
        var again = await platform.Factory.ConsentAsync(slug, cookie: first.Cookie);
        Assert.Equal(first.SessionId, again.SessionId);
        Assert.Equal($"/s/{slug}/session", again.Location);
    }

    [Fact]
    public async Task SessionIsFrozenToTheStudyVersionHash()
    {
        var (slug, studyId) = await platform.CreateAsync();
        var participant = await platform.Factory.ConsentAsync(slug);
        await using var scope = platform.Scope(out var db);
        var version = await db.StudyVersions.SingleAsync(v => v.StudyId == studyId);
        var session = await db.Sessions.SingleAsync(s => s.Id == participant.SessionId);
        Assert.Equal(version.Id, session.StudyVersionId);
        Assert.Equal(version.ConfigHash, session.ConfigHash);
        Assert.Equal(ConfigHash.Compute(ConfigHash.Parse(version.ConfigJson)), session.ConfigHash);
    }

    [Fact]
    public async Task UnknownStudyAnswers404ProblemDetailsNamingIt()
    {
        using var response = await platform.Factory.PostConsentAsync("no-such-study");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("no-such-study", problem!.Detail);
    }

    [Fact]
    public async Task MalformedProlificLinkAnswers400AndCreatesNoSession()
    {
        var (slug, studyId) = await platform.CreateAsync();
        using var response = await platform.Factory.PostConsentAsync(slug, query: "?PROLIFIC_PID=%3Cscript%3E&STUDY_ID=x");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("PROLIFIC_PID", problem!.Detail);
        await using var scope = platform.Scope(out var db);
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.StudyId == studyId));
    }

    [Fact]
    public async Task ConsentWithoutAgreeingAnswers400()
    {
        var (slug, _) = await platform.CreateAsync();
        using var response = await platform.Factory.PostConsentAsync(slug, agree: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ClosedStudyRefusesNewParticipants()
    {
        var (slug, _) = await platform.CreateAsync(status: StudyStatus.Closed);
        using var response = await platform.Factory.PostConsentAsync(slug);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
