using InteractionLab.Domain;

namespace InteractionLab.Api.Data;

/// <summary>
/// Where an imported session came from, beside the <see cref="Session"/> it became: the source data set's own session
/// id, a digest of the log (so posting the same log again adds nothing), and what the data set's metadata file said
/// about it (model, seed prompt, decoding settings).
/// </summary>
public sealed class ImportedSession
{
    /// <summary>The session the log became (primary key).</summary>
    public SessionId SessionId { get; set; }
    /// <summary>The study (denormalised: "already imported?" and the exports look up by study).</summary>
    public Guid StudyId { get; set; }
    /// <summary>The session id in the source data set: the log's file name without extension, or the metadata's <c>session_id</c>.</summary>
    public required string SourceSessionId { get; set; }
    /// <summary>SHA-256 of the log's bytes, lower-case hex.</summary>
    public required string ContentSha256 { get; set; }
    /// <summary>The model as the metadata logged it (e.g. <c>openai/text-davinci-001</c>); null without metadata.</summary>
    public string? Model { get; set; }
    /// <summary>The seed the session started from (<c>example</c> in HALIE's metadata, e.g. <c>life</c>).</summary>
    public string? Prompt { get; set; }
    /// <summary>The decoding settings from the metadata as a JSON object; null without metadata.</summary>
    public string? DecodingJson { get; set; }
}
