using InteractionLab.Domain.Writing;

namespace InteractionLab.Api.Imports;

/// <summary>What importing one log did.</summary>
/// <param name="FileName">The log's name (for a log inside an archive: <c>archive.zip/path/in/archive.jsonl</c>).</param>
/// <param name="Status">Imported, already imported (the existing session is named) or not imported.</param>
/// <param name="SessionId">The session it became, or the session it already is; null when nothing was stored.</param>
/// <param name="SourceSessionId">Its session id in the source data set (file name without extension).</param>
/// <param name="Condition">The session's condition: the model named by the metadata file, else <c>imported</c>.</param>
/// <param name="EventsStored">How many events were stored now (one per readable line; 0 when already imported).</param>
/// <param name="Errors">Lines that could not be read, with the reason; the other lines are kept.</param>
/// <param name="Replay">Whether replay agrees with every logged document and submitted sentence.</param>
public sealed record CoAuthorFileResult(
    string FileName, ImportStatus Status, string? SessionId, string SourceSessionId, string? Condition, int EventsStored,
    IReadOnlyList<LineError> Errors, ReplayCheck Replay);

/// <summary>The result of one request: one entry per log, in upload and archive order.</summary>
/// <param name="Files">Per-log results.</param>
/// <param name="Skipped">Uploads and archive entries that are not logs, with why (Finder entries grouped in one line).</param>
/// <param name="MetadataSessions">How many sessions the metadata files (<c>session.txt</c>) described.</param>
/// <param name="MetadataErrors">Metadata lines that could not be read.</param>
public sealed record CoAuthorImportReport(
    IReadOnlyList<CoAuthorFileResult> Files, IReadOnlyList<SkippedUpload> Skipped, int MetadataSessions, IReadOnlyList<LineError> MetadataErrors);
