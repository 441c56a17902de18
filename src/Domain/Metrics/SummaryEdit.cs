namespace InteractionLab.Domain.Metrics;

/// <summary>One summarization item: the LM's draft, the participant's edit, and when editing began and ended
/// (client ms; typically "draft shown for editing" and "edited summary submitted").</summary>
public sealed record SummaryEdit(string DocumentId, string Original, string Edited, long EditStartedMs, long EditFinishedMs);
