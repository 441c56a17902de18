using System.Security.Claims;
using InteractionLab.Api.Hosting;
using InteractionLab.Api.Annotation.Judges;
using InteractionLab.Api.Annotation.Projects;
using InteractionLab.Api.Annotation.Quality;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Annotation.Endpoints;

public static partial class AnnotationApi
{
    private static void MapJudges(RouteGroupBuilder api)
    {
        api.MapPost("/projects/{projectId:guid}/judges", StartJudgeAsync).ProducesValidationProblem()
            .Documented("StartAnnotationJudge", "An LM judge: a registry model rates the project's items with its guidelines and form, as a background job; follow it at the returned job.");
        api.MapGet("/projects/{projectId:guid}/judges", ListJudgesAsync)
            .Documented("ListAnnotationJudges", "The project's LM judge runs, newest first, each with its state and progress.");
        api.MapGet("/projects/{projectId:guid}/judges/samples", JudgeSamplesAsync)
            .Documented("GetAnnotationJudgeSamples", "What LM judges were asked and answered per item (messages, seed, temperature, the raw answer), newest first; ?model=endpoint/model&skip=&take= (at most 200).");
        api.MapGet("/projects/{projectId:guid}/judges/{jobId:guid}", GetJudgeAsync)
            .Documented("GetAnnotationJudge", "An LM judge run's state and progress (items done of total, unreadable answers).");
        api.MapGet("/projects/{projectId:guid}/judges/agreement", JudgeAgreementAsync)
            .Documented("GetAnnotationJudgeAgreement", "Per LM judge and question: Krippendorff's alpha between the humans' aggregate and the judge, with its bootstrap 95% interval.");
    }

    private static async Task<ConfigAccepted<JudgeRunView>> StartJudgeAsync(Guid studyId, Guid projectId, ConfigBody<JudgeRequest> body, ClaimsPrincipal user,
        AnnotationJudge judge, CancellationToken ct) =>
        ConfigJsonResults.Accepted(await judge.StartAsync(user, studyId, projectId, body.Value, ct));

    private static async Task<ConfigJson<JudgeRunView>> GetJudgeAsync(Guid studyId, Guid projectId, Guid jobId, ClaimsPrincipal user,
        AnnotationProjects projects, AnnotationJudge judge, CancellationToken ct)
    {
        await projects.GetAsync(user, studyId, projectId, ct);
        return await judge.FindAsync(studyId, jobId, ct) is { } run && run.ProjectId == projectId
            ? ConfigJsonResults.Of(run)
            : throw new PlatformProblemException(404, "Judge run not found", "The project has no such LM judge run.");
    }

    private static async Task<ConfigJson<IReadOnlyList<JudgeRunView>>> ListJudgesAsync(Guid studyId, Guid projectId, ClaimsPrincipal user,
        AnnotationProjects projects, AnnotationJudge judge, CancellationToken ct)
    {
        await projects.GetAsync(user, studyId, projectId, ct);
        return ConfigJsonResults.Of(await judge.ListAsync(studyId, projectId, ct));
    }

    private static async Task<ConfigJson<JudgeSamplePage>> JudgeSamplesAsync(Guid studyId, Guid projectId, string? model, int? skip, int? take, ClaimsPrincipal user,
        AnnotationProjects projects, JudgeSamples samples, CancellationToken ct)
    {
        await projects.GetAsync(user, studyId, projectId, ct);
        return ConfigJsonResults.Of(await samples.ListAsync(projectId, model, skip ?? 0, take ?? 20, ct));
    }

    private static async Task<ConfigJson<IReadOnlyList<JudgeAgreementView>>> JudgeAgreementAsync(Guid studyId, Guid projectId, ClaimsPrincipal user,
        AnnotationProjects projects, JudgeAgreement agreement, CancellationToken ct)
    {
        await projects.GetAsync(user, studyId, projectId, ct);
        return ConfigJsonResults.Of(await agreement.ComputeAsync(projectId, ct: ct));
    }
}
