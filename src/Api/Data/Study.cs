using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Data;

/// <summary>A study: its public link slug, who owns it and whether it accepts participants.</summary>
public sealed class Study
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Short name in participant links (<c>/s/{slug}</c>); unique.</summary>
    public required string Slug { get; set; }
    /// <summary>Account name of the researcher who owns it.</summary>
    public required string Owner { get; set; }
    /// <summary>Draft, open, paused or closed.</summary>
    public StudyStatus Status { get; set; } = StudyStatus.Draft;
    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Its frozen configurations, newest has the highest number.</summary>
    public List<StudyVersion> Versions { get; set; } = [];
}
