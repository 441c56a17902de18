namespace InteractionLab.Api.Sessions;

/// <summary>The ids Prolific appends to a study link.</summary>
/// <param name="ParticipantId">PROLIFIC_PID: the worker.</param>
/// <param name="StudyId">STUDY_ID: Prolific's study.</param>
/// <param name="SessionId">SESSION_ID: Prolific's session.</param>
public sealed record ProlificIds(string? ParticipantId, string? StudyId, string? SessionId)
{
    /// <summary>Longest id accepted; real ones are 24 hex characters.</summary>
    public const int MaxLength = 128;

    /// <summary>No ids (a direct link).</summary>
    public static readonly ProlificIds None = new(null, null, null);

    /// <summary>Problems with the ids, for a clear error instead of storing junk.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { ("PROLIFIC_PID", ParticipantId), ("STUDY_ID", StudyId), ("SESSION_ID", SessionId) })
        {
            if (value is null) continue;
            if (value.Length is 0 or > MaxLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                problems.Add($"{name} must be 1 to {MaxLength} letters, digits, '-' or '_'.");
        }
        if (ParticipantId is null && (StudyId is not null || SessionId is not null))
            problems.Add("STUDY_ID and SESSION_ID need a PROLIFIC_PID.");
        return problems;
    }
}
