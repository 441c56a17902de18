namespace InteractionLab.Api.Imports;

/// <summary>Something uploaded that was not imported as a log, and why.</summary>
/// <param name="Name">The file or archive entry (or a group of them, e.g. the Finder's <c>__MACOSX/</c> entries).</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record SkippedUpload(string Name, string Reason);
