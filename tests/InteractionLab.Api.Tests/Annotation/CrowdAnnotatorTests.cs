using System.Net;
using InteractionLab.Api.Annotation.Annotators;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>Crowd workers arrive by the project's link with the same recruitment parameters as a study.</summary>
public class CrowdAnnotatorTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<string> CrowdProjectAsync(RecruitmentConfig recruitment, int cap = 2)
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 4, k: 1, c => c with
        {
            Access = AnnotatorAccess.Crowd, CapPerAnnotator = cap, Recruitment = recruitment,
        });
        await using var scope = platform.Scope(out var db);
        return await db.AnnotationProjects.Where(p => p.Id == projectId).Select(p => p.Slug).SingleAsync();
    }

    private async Task<HttpResponseMessage> StartAsync(string slug, string query, string? cookie = null)
    {
        var client = platform.Factory.CreateRawClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/a/{slug}/start{query}") { Content = new FormUrlEncodedContent([]) };
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private Guid AnnotatorOf(HttpResponseMessage response)
    {
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AnnotatorCookie.Name + "=", StringComparison.Ordinal));
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = platform.Factory.Services };
        context.Request.Headers.Cookie = cookie.Split(';')[0];
        return AnnotatorCookie.Read(context.Request) ?? throw new InvalidOperationException("unreadable cookie");
    }

    [Fact]
    public async Task AProlificWorkerRatesTheirBatchAndIsSentBackWithTheCompletionCode()
    {
        var slug = await CrowdProjectAsync(new RecruitmentConfig("RATE-DONE", "https://app.prolific.com/submissions/complete"));

        var start = await StartAsync(slug, "?PROLIFIC_PID=worker1&STUDY_ID=st&SESSION_ID=se1");
        Assert.Equal(HttpStatusCode.SeeOther, start.StatusCode);
        Assert.Equal($"/a/{slug}/work", start.Headers.Location?.OriginalString);
        var annotator = AnnotatorOf(start);
        var queue = platform.Get<AnnotationQueue>();
        for (var i = 0; i < 2; i++)
            await platform.Get<AnnotationSubmissions>().SubmitAsync(annotator, (await queue.NextAsync(annotator)).Work!.AssignmentId, new([new SurveyAnswer("good", "yes")]));
        var done = await queue.NextAsync(annotator);

        Assert.Equal(FinishedReason.CapReached, done.Finished);
        Assert.Equal("RATE-DONE", done.Completion?.Code);
        Assert.Equal("https://app.prolific.com/submissions/complete?cc=RATE-DONE", done.Completion?.RedirectUrl);
        await using var scope = platform.Scope(out var db);
        var row = await db.Annotators.SingleAsync(a => a.Id == annotator);
        Assert.Equal(("prolific", "worker1", "se1", AnnotatorKind.Crowd), (row.Source, row.ExternalWorkerId, row.ExternalSessionId, row.Kind));
    }

    [Fact]
    public async Task TheSameSubmissionResumesAndAnotherSubmissionOfTheSameWorkerIsRefused()
    {
        var slug = await CrowdProjectAsync(new RecruitmentConfig("X", null, RecruitmentPlatform.Prolific));

        var first = AnnotatorOf(await StartAsync(slug, "?PROLIFIC_PID=worker2&STUDY_ID=st&SESSION_ID=a"));
        var again = AnnotatorOf(await StartAsync(slug, "?PROLIFIC_PID=worker2&STUDY_ID=st&SESSION_ID=a"));
        var other = await StartAsync(slug, "?PROLIFIC_PID=worker2&STUDY_ID=st&SESSION_ID=b");

        Assert.Equal(first, again);
        Assert.Equal(HttpStatusCode.SeeOther, other.StatusCode);
        Assert.StartsWith($"/a/{slug}?problem=", other.Headers.Location?.OriginalString);
        Assert.False(other.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task AnMTurkWorkerGetsTheSubmitFormOfTheirAssignment()
    {
        var slug = await CrowdProjectAsync(new RecruitmentConfig("", null, RecruitmentPlatform.MTurk, MTurkSandbox: true), cap: 1);

        var annotator = AnnotatorOf(await StartAsync(slug, "?workerId=W1&assignmentId=ASG1&hitId=H1"));
        var queue = platform.Get<AnnotationQueue>();
        await platform.Get<AnnotationSubmissions>().SubmitAsync(annotator, (await queue.NextAsync(annotator)).Work!.AssignmentId, new([new SurveyAnswer("good", "no")]));
        var done = await queue.NextAsync(annotator);

        Assert.Equal(MTurkIdsSandbox, done.Completion?.MTurkSubmit?.Url);
        Assert.Equal("ASG1", done.Completion?.MTurkSubmit?.AssignmentId);
        Assert.Equal(8, done.Completion?.Code.Length);
    }

    [Fact]
    public async Task AStaffOnlyProjectTakesNoCrowdWorkers()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 1, k: 1);
        await using var scope = platform.Scope(out var db);
        var slug = await db.AnnotationProjects.Where(p => p.Id == projectId).Select(p => p.Slug).SingleAsync();

        var refused = await StartAsync(slug, "?PROLIFIC_PID=worker3&STUDY_ID=st&SESSION_ID=x");

        Assert.StartsWith($"/a/{slug}?problem=", refused.Headers.Location?.OriginalString);
        Assert.False(await db.Annotators.AnyAsync(a => a.ProjectId == projectId));
    }

    private const string MTurkIdsSandbox = Api.Sessions.MTurkIds.SandboxSubmitUrl;
}
