using InteractionLab.Domain.Validation;

namespace InteractionLab.Api;

/// <summary>
/// A request the platform refuses, with a message a participant or API client can act on. Both front doors
/// translate it: REST into ProblemDetails, the hub into a HubException, Blazor shows its detail.
/// </summary>
/// <param name="status">HTTP status it maps to.</param>
/// <param name="title">Short summary.</param>
/// <param name="detail">What is wrong, in plain words.</param>
/// <param name="errors">Field-level problems by field path (<see cref="FieldErrors"/>), if any.</param>
public sealed class PlatformProblemException(
    int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null) : Exception(detail)
{
    /// <summary>HTTP status it maps to.</summary>
    public int Status { get; } = status;
    /// <summary>Short summary.</summary>
    public string Title { get; } = title;
    /// <summary>What is wrong.</summary>
    public string Detail { get; } = detail;
    /// <summary>Field-level problems, keyed by field.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    /// <summary>404 for an unknown study slug or id.</summary>
    public static PlatformProblemException StudyNotFound(string study) =>
        new(404, "Study not found", $"There is no study '{study}'. Check the link you were given.");

    /// <summary>404 for a session that does not exist (stale or forged cookie).</summary>
    public static PlatformProblemException SessionNotFound() =>
        new(404, "Session not found", "Your session could not be found. Open the study link again to start or resume.");

    /// <summary>409 for an action that does not fit the session's current state.</summary>
    public static PlatformProblemException Conflict(string detail) => new(409, "Not possible now", detail);

    /// <summary>Title of <see cref="AlreadyTakenPart"/>, so a front door can show its own page for it.</summary>
    public const string AlreadyTakenPartTitle = "Already taken part";

    /// <summary>Title of <see cref="AlreadyCompleted"/>.</summary>
    public const string AlreadyCompletedTitle = "Already completed";

    /// <summary>
    /// 409 for a PROLIFIC_PID that already has a session, arriving without its cookie or its Prolific SESSION_ID:
    /// the PID alone is guessable, so it must not open someone else's transcript.
    /// </summary>
    public static PlatformProblemException AlreadyTakenPart() => new(409, AlreadyTakenPartTitle,
        "You have already taken part in this study from another browser or link. If this is a mistake, contact the researcher.");

    /// <summary>409 for a completed session reached without proof it is the caller's: no transcript, no code.</summary>
    public static PlatformProblemException AlreadyCompleted() => new(409, AlreadyCompletedTitle,
        "You have already completed this study. Thank you for taking part.");

    /// <summary>400 for malformed input.</summary>
    public static PlatformProblemException BadInput(string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(400, "Invalid input", detail, errors);

    /// <summary>Throws a 400 with <paramref name="detail"/> and the field errors when <paramref name="errors"/> holds any.</summary>
    public static void RefuseIfAny(FieldErrors errors, string detail)
    {
        if (!errors.IsEmpty) throw BadInput(detail, errors.ToDictionary());
    }

    /// <summary>The detail followed by every field error, one per line (for hub and console messages).</summary>
    public string FullMessage() =>
        Errors.Count == 0 ? Detail : Detail + "\n" + string.Join("\n", Errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}")));
}
