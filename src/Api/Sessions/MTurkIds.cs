namespace InteractionLab.Api.Sessions;

/// <summary>The ids MTurk appends to an external-question link.</summary>
/// <param name="WorkerId">workerId: the worker (one session per worker and study).</param>
/// <param name="AssignmentId">assignmentId: the accepted assignment, or <see cref="PreviewAssignmentId"/> while previewing.</param>
/// <param name="HitId">hitId: the HIT.</param>
public sealed record MTurkIds(string? WorkerId, string? AssignmentId, string? HitId)
{
    /// <summary>What MTurk sends as assignmentId while the worker only previews the HIT.</summary>
    public const string PreviewAssignmentId = "ASSIGNMENT_ID_NOT_AVAILABLE";

    /// <summary>Where a live assignment is submitted.</summary>
    public const string SubmitUrl = "https://www.mturk.com/mturk/externalSubmit";

    /// <summary>Where a sandbox assignment is submitted.</summary>
    public const string SandboxSubmitUrl = "https://workersandbox.mturk.com/mturk/externalSubmit";

    /// <summary>No ids.</summary>
    public static readonly MTurkIds None = new(null, null, null);

    /// <summary>The worker is looking at the HIT without having accepted it: show, record nothing.</summary>
    public bool IsPreview => AssignmentId == PreviewAssignmentId;

    /// <summary>Problems with the ids, for a clear error instead of storing junk.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { ("workerId", WorkerId), ("assignmentId", AssignmentId), ("hitId", HitId) })
        {
            if (value is null) continue;
            if (value.Length is 0 or > ProlificIds.MaxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                problems.Add($"{name} must be 1 to {ProlificIds.MaxLength} letters, digits, '-' or '_'.");
        }
        if (!IsPreview && WorkerId is null && (AssignmentId is not null || HitId is not null))
            problems.Add("assignmentId and hitId need a workerId.");
        if (WorkerId is not null && AssignmentId is null)
            problems.Add("workerId needs an assignmentId.");
        return problems;
    }
}
