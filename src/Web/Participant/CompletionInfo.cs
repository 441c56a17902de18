namespace InteractionLab.Web.Participant;

/// <summary>How a completed (or screened-out) participant gets credit.</summary>
/// <param name="Code">Completion code to show (the screen-out code when screened out; empty when there is none).</param>
/// <param name="RedirectUrl">Recruitment platform URL to return to (with the code), if the study has one.</param>
/// <param name="ScreenedOut">The study ended early for this participant (failed attention checks).</param>
/// <param name="MTurkSubmitUrl">MTurk's externalSubmit URL the assignment is posted to; null for other platforms.</param>
/// <param name="MTurkAssignmentId">The MTurk assignment to submit.</param>
public sealed record CompletionInfo(string Code, string? RedirectUrl, bool ScreenedOut = false,
    string? MTurkSubmitUrl = null, string? MTurkAssignmentId = null);
