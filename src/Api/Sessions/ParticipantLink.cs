namespace InteractionLab.Api.Sessions;

/// <summary>What the participant's study link carried into the consent: platform ids and the condition key.</summary>
/// <param name="Prolific">Prolific ids, if any.</param>
/// <param name="MTurk">MTurk ids, if any.</param>
/// <param name="Parameters">Every other link parameter by name (the condition key in URL-parameter assignment).</param>
public sealed record ParticipantLink(ProlificIds Prolific, MTurkIds MTurk, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>A direct link without parameters.</summary>
    public static readonly ParticipantLink None = new(ProlificIds.None, MTurkIds.None, new Dictionary<string, string>());

    /// <summary>Problems with the platform ids.</summary>
    public IReadOnlyList<string> Problems() => [.. Prolific.Problems(), .. MTurk.Problems()];

    /// <summary>
    /// The worker id, its submission id (SESSION_ID / assignmentId), study id and the source they are stored under.
    /// </summary>
    public (string Source, string WorkerId, string? StudyId, string? SubmissionId)? Worker =>
        MTurk.WorkerId is { } worker ? (ParticipantSessionService.MTurkSource, worker, MTurk.HitId, MTurk.AssignmentId)
        : Prolific.ParticipantId is { } pid ? (ParticipantSessionService.ProlificSource, pid, Prolific.StudyId, Prolific.SessionId)
        : null;
}
