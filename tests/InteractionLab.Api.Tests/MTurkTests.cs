using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

/// <summary>MTurk external questions: previews record nothing, one session per worker, the assignment is submitted.</summary>
public sealed class MTurkTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private Task<(string Slug, Guid Id)> CreateAsync() => platform.CreateAsync(c => c with
    {
        Stages = [c.Stages[0], c.Stages[1], c.Stages[^1]],
        Recruitment = new RecruitmentConfig("TURK-DONE", Platform: RecruitmentPlatform.MTurk, MTurkSandbox: true),
    });

    private static string Link(string worker, string assignment) => $"?workerId={worker}&assignmentId={assignment}&hitId=HIT1&turkSubmitTo=https%3A%2F%2Fworkersandbox.mturk.com";

    [Fact]
    public async Task APreviewOfTheHitRecordsNothing()
    {
        var (slug, studyId) = await CreateAsync();

        using var response = await platform.Factory.PostConsentAsync(slug, query: "?assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE&hitId=HIT1");
        using var browser = await platform.Factory.PostConsentAsync(slug, query: "?assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE&hitId=HIT1", fromBrowser: true);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ParticipantSessionService.PreviewTitle,
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
        Assert.EndsWith("?problem=preview", browser.Headers.Location!.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        await using var scope = platform.Scope(out var db);
        Assert.Equal(0, await db.Sessions.CountAsync(s => s.StudyId == studyId));
        Assert.Equal(0, await db.Participants.CountAsync(x => db.Sessions.Any(s => s.ParticipantId == x.Id && s.StudyId == studyId)));
    }

    [Fact]
    public async Task OneSessionPerWorkerTheSameAssignmentResumesOnlyWithItsCookieAnotherIsRefused()
    {
        var (slug, studyId) = await CreateAsync();

        using var started = await platform.Factory.PostConsentAsync(slug, query: Link("W1", "A1"));
        var cookie = started.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ParticipantCookie.NameFor(slug) + "=", StringComparison.Ordinal)).Split(';')[0];
        using var withCookie = await platform.Factory.PostConsentAsync(slug, query: Link("W1", "A1"), cookie: cookie);
        using var withoutCookie = await platform.Factory.PostConsentAsync(slug, query: Link("W1", "A1"));
        using var other = await platform.Factory.PostConsentAsync(slug, query: Link("W1", "A2"));

        Assert.Equal(HttpStatusCode.SeeOther, started.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withoutCookie.StatusCode);
        Assert.Equal(ReturningParticipants.ResumeCodeNeededTitle, (await withoutCookie.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        await using var scope = platform.Scope(out var db);
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.StudyId == studyId));
        var ids = await db.ParticipantExternalIds.SingleAsync(x => x.StudyId == studyId);
        Assert.Equal(("mturk", "W1", "HIT1", "A1"), (ids.Source, ids.ExternalParticipantId, ids.ExternalStudyId, ids.ExternalSessionId));
    }

    [Fact]
    public async Task TheCompletedAssignmentIsSubmittedToTheSandboxWithItsCode()
    {
        var (slug, studyId) = await CreateAsync();
        using (var consent = await platform.Factory.PostConsentAsync(slug, query: Link("W2", "A9")))
            Assert.Equal(HttpStatusCode.SeeOther, consent.StatusCode);
        await using var scope = platform.Scope(out var db);
        var session = await db.Sessions.Where(s => s.StudyId == studyId).Select(s => s.Id).SingleAsync();

        var view = await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(session, "instructions");

        Assert.Equal("TURK-DONE", view.Completion!.Code);
        Assert.Null(view.Completion.RedirectUrl);
        Assert.Equal(new MTurkSubmission("https://workersandbox.mturk.com/mturk/externalSubmit", "A9"), view.Completion.MTurkSubmit);
    }
}
