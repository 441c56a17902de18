using System.Text.Json.Serialization;

namespace InteractionLab.Api.Imports;

/// <summary>What became of one log (written as a word in JSON).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportStatus>))]
public enum ImportStatus
{
    /// <summary>Stored as a new session.</summary>
    [JsonStringEnumMemberName("imported")] Imported,
    /// <summary>The same log (same bytes) is already a session of this study; nothing was added.</summary>
    [JsonStringEnumMemberName("already imported")] AlreadyImported,
    /// <summary>No line could be read, or the log was left out; nothing was stored.</summary>
    [JsonStringEnumMemberName("not imported")] NotImported,
}
