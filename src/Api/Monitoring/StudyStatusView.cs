using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Monitoring;

/// <summary>A study's status after a lifecycle action.</summary>
/// <param name="Id">Study id.</param>
/// <param name="Slug">Public slug.</param>
/// <param name="Status">Draft, open, paused or closed.</param>
public sealed record StudyStatusView(Guid Id, string Slug, StudyStatus Status);
