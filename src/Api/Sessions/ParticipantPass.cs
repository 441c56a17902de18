using InteractionLab.Domain;

namespace InteractionLab.Api.Sessions;

/// <summary>What a participant's cookie for one study proves: their session there and the resume code they were shown.</summary>
/// <param name="Session">The session.</param>
/// <param name="Slug">The study's slug (empty for a cookie written before cookies were per study).</param>
/// <param name="ResumeCode">The code to continue on another device; null when the session has none.</param>
public sealed record ParticipantPass(SessionId Session, string Slug, string? ResumeCode);
