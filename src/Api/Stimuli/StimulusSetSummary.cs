namespace InteractionLab.Api.Stimuli;

/// <summary>A stimulus set in a list.</summary>
/// <param name="Key">Key studies use.</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Kind.</param>
/// <param name="Count">Number of items.</param>
/// <param name="BuiltIn">True for a demo set shipped with the project.</param>
/// <param name="Owner">Uploader (null for demo sets).</param>
/// <param name="CreatedAt">Upload time (null for demo sets).</param>
public sealed record StimulusSetSummary(string Key, string Name, string Kind, int Count, bool BuiltIn, string? Owner, DateTimeOffset? CreatedAt);
