namespace InteractionLab.Api.Imports;

/// <summary>One uploaded CoAuthor trace: the file's name as the researcher chose it and its bytes (UTF-8 JSON Lines).</summary>
/// <param name="FileName">The file name, used in reports and in the session's import source.</param>
/// <param name="Content">The file's bytes.</param>
public sealed record CoAuthorUpload(string FileName, byte[] Content);
