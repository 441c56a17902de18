namespace InteractionLab.Api.Sessions;

/// <summary>Shown at the end, only after everything was saved.</summary>
/// <param name="Code">Completion code (the screen-out code when screened out; empty when the study set none).</param>
/// <param name="RedirectUrl">
/// Prolific URL to return to (with <c>?cc=</c>), when the study has one and the participant came from Prolific.
/// </param>
/// <param name="ScreenedOut">True when the session ended early by the study's rules (failed checks) or the study was full.</param>
/// <param name="MTurkSubmit">Where and what to POST for an MTurk assignment; null for other platforms.</param>
/// <param name="AutoRedirectSeconds">
/// Seconds after which the page hands over to the platform by itself (announced with a countdown); null = only when
/// the participant presses the button. Null whenever there is nothing to hand over to.
/// </param>
public sealed record CompletionView(string Code, string? RedirectUrl, bool ScreenedOut = false, MTurkSubmission? MTurkSubmit = null,
    int? AutoRedirectSeconds = null);

/// <summary>The form an MTurk assignment is submitted with.</summary>
/// <param name="Url">externalSubmit of MTurk or its sandbox.</param>
/// <param name="AssignmentId">The worker's assignment.</param>
public sealed record MTurkSubmission(string Url, string AssignmentId);
