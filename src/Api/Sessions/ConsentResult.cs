using InteractionLab.Domain;

namespace InteractionLab.Api.Sessions;

/// <summary>Outcome of a consent: the session to continue in.</summary>
/// <param name="SessionId">The session (new or resumed).</param>
/// <param name="Resumed">True when an existing session was found (same cookie or same worker id).</param>
public sealed record ConsentResult(SessionId SessionId, bool Resumed);
