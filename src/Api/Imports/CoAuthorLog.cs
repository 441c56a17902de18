namespace InteractionLab.Api.Imports;

/// <summary>One log to import, from a plain upload or out of an archive.</summary>
/// <param name="Name">How reports name it: the file name, or <c>archive.zip/path/in/archive.jsonl</c>.</param>
/// <param name="SourceSessionId">Its session id in the source data set: the file name without extension.</param>
/// <param name="Read">Reads its bytes (an archive entry is unpacked only when its turn comes).</param>
public sealed record CoAuthorLog(string Name, string SourceSessionId, Func<byte[]> Read);
