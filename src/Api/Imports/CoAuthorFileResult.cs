using InteractionLab.Domain.Writing;

namespace InteractionLab.Api.Imports;

/// <summary>What importing one file did.</summary>
/// <param name="FileName">The uploaded file's name.</param>
/// <param name="SessionId">The session created for it; null when no line could be read (nothing was stored).</param>
/// <param name="EventsStored">How many events were stored (one per readable line).</param>
/// <param name="Errors">Lines that could not be read, with the reason; the other lines are kept.</param>
/// <param name="Replay">Whether replaying the stored events rebuilds the document the trace logged last.</param>
public sealed record CoAuthorFileResult(
    string FileName, string? SessionId, int EventsStored, IReadOnlyList<LineError> Errors, ReplayCheck Replay);

/// <summary>The result of one request: one entry per uploaded file, in upload order.</summary>
/// <param name="Files">Per-file results.</param>
public sealed record CoAuthorImportReport(IReadOnlyList<CoAuthorFileResult> Files);
