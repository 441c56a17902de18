using InteractionLab.Api.Data;

namespace InteractionLab.Api.Exports;

/// <summary>A session with the recruitment-platform ids its participant came with (null for an open-link session).</summary>
public sealed class SessionWithIds
{
    /// <summary>The session.</summary>
    public required Session Session { get; init; }
    /// <summary>Its participant's Prolific or MTurk ids, if any.</summary>
    public ParticipantExternalId? Ids { get; init; }
}
