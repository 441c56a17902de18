using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;

namespace InteractionLab.Api.Monitoring;

/// <summary>One task stage of a session as the replay rebuilds its state: its events and the stimuli it read.</summary>
/// <param name="Key">Stage key.</param>
/// <param name="Title">Stage title (what the participant saw).</param>
/// <param name="TaskType">Task type key.</param>
/// <param name="Events">The stage's task events, in order.</param>
/// <param name="Stimuli">The stimulus set the stage read, or null.</param>
public sealed record TaskReplayStage(string Key, string Title, string TaskType, IReadOnlyList<TaskEventRecord> Events, StimulusSetContent? Stimuli);
