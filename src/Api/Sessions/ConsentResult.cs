using InteractionLab.Domain;

namespace InteractionLab.Api.Sessions;

/// <summary>Outcome of a consent or a resume: the session to continue in.</summary>
/// <param name="SessionId">The session (new or resumed).</param>
/// <param name="Resumed">True when an existing session was found (its cookie or its resume code).</param>
/// <param name="ResumeCode">
/// The resume code to put in the cookie: a new session's fresh code, or the code just typed; null when resumed by the
/// cookie (which already holds it).
/// </param>
public sealed record ConsentResult(SessionId SessionId, bool Resumed, string? ResumeCode = null);
