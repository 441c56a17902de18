namespace InteractionLab.Web.Participant;

/// <summary>How a completed (or screened-out) participant gets credit.</summary>
/// <param name="Code">Completion code to show (the screen-out code when screened out; empty when there is none).</param>
/// <param name="RedirectUrl">Prolific URL to return to (with the code), only for a participant who came from Prolific.</param>
/// <param name="ScreenedOut">The study ended early for this participant (failed attention checks).</param>
/// <param name="MTurkSubmitUrl">MTurk's externalSubmit URL the assignment is posted to; null for other platforms.</param>
/// <param name="MTurkAssignmentId">The MTurk assignment to submit.</param>
/// <param name="AutoRedirectSeconds">Seconds until the page returns the participant by itself (announced); null = button only.</param>
public sealed record CompletionInfo(string Code, string? RedirectUrl, bool ScreenedOut = false,
    string? MTurkSubmitUrl = null, string? MTurkAssignmentId = null, int? AutoRedirectSeconds = null);
