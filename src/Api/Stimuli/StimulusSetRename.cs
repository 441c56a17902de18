namespace InteractionLab.Api.Stimuli;

/// <summary>Body of a rename.</summary>
/// <param name="Name">The new name (1–200 characters).</param>
public sealed record StimulusSetRename(string? Name);
