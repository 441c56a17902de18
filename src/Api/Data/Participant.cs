namespace InteractionLab.Api.Data;

/// <summary>A pseudonymous participant; recruitment ids live apart in <see cref="ParticipantExternalId"/>.</summary>
public sealed class Participant
{
    /// <summary>Primary key (pseudonymous).</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>When the participant first consented.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
