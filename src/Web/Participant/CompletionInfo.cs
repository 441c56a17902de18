namespace InteractionLab.Web.Participant;

/// <summary>How a completed participant gets credit.</summary>
/// <param name="Code">Completion code to show.</param>
/// <param name="RedirectUrl">Recruitment platform URL to return to (with the code), if the study has one.</param>
public sealed record CompletionInfo(string Code, string? RedirectUrl);
