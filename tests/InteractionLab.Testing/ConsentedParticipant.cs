using InteractionLab.Domain;

namespace InteractionLab.Testing;

/// <summary>A participant who has consented: the cookie to send and the session it names.</summary>
/// <param name="Cookie">Value for a <c>Cookie</c> header (<c>il_session.{slug}=…</c>).</param>
/// <param name="SessionId">The session behind the cookie.</param>
/// <param name="Location">Where the consent answer redirected to.</param>
/// <param name="ResumeCode">The resume code the cookie holds (what the session page shows), if any.</param>
public sealed record ConsentedParticipant(string Cookie, SessionId SessionId, string? Location, string? ResumeCode = null);
