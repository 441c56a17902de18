using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>
/// The end of a crowd worker's batch, as a study ends for a participant: the completion code is issued only once
/// their ratings are saved, then they go back to Prolific (<c>?cc=</c>) or submit the MTurk assignment — the same
/// recruitment settings and redirect rules as studies. A worker who failed the qualification gets the screen-out code.
/// </summary>
public sealed class CrowdCompletion(TimeProvider time)
{
    /// <summary>The completion for a crowd worker who has nothing more to rate; null for staff or a worker who rated nothing.</summary>
    public async Task<CompletionView?> FinishAsync(PlatformDbContext db, Guid annotatorId, AnnotationProjectConfig config, CancellationToken ct)
    {
        var annotator = await db.Annotators.SingleAsync(a => a.Id == annotatorId, ct);
        if (annotator.Kind != AnnotatorKind.Crowd) return null;
        var screenedOut = annotator.Qualified == false;
        if (!screenedOut && !await db.AnnotationAssignments.AnyAsync(a => a.AnnotatorId == annotatorId && a.Status == AssignmentStatus.Submitted, ct))
            return null;
        if (annotator.FinishedAt is null)
        {
            annotator.FinishedAt = time.GetUtcNow();
            annotator.CompletionCode = screenedOut ? config.Recruitment.ScreenOutCode ?? ""
                : string.IsNullOrEmpty(config.Recruitment.CompletionCode) ? Convert.ToHexString(Guid.NewGuid().ToByteArray())[..8]
                : config.Recruitment.CompletionCode;
            await db.SaveChangesAsync(ct);
        }
        return View(annotator, config.Recruitment, screenedOut);
    }

    private static CompletionView View(Annotator annotator, RecruitmentConfig recruitment, bool screenedOut)
    {
        var code = annotator.CompletionCode ?? "";
        var mturk = recruitment.Platform == RecruitmentPlatform.MTurk && annotator.ExternalSessionId is { } assignment
            ? new MTurkSubmission(recruitment.MTurkSandbox ? MTurkIds.SandboxSubmitUrl : MTurkIds.SubmitUrl, assignment)
            : null;
        var redirect = recruitment.Platform != RecruitmentPlatform.Prolific ? null
            : screenedOut ? ParticipantSessionService.ScreenOutRedirect(recruitment)
            : ParticipantSessionService.RedirectFor(recruitment.ProlificCompletionUrl, code);
        return new CompletionView(code, redirect, screenedOut, mturk);
    }
}
