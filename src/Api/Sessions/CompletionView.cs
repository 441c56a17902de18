namespace InteractionLab.Api.Sessions;

/// <summary>Shown at the end, only after everything was saved.</summary>
/// <param name="Code">Completion code.</param>
/// <param name="RedirectUrl">Prolific completion URL with <c>?cc=</c>, when the study has one.</param>
public sealed record CompletionView(string Code, string? RedirectUrl);
