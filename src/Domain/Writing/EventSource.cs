namespace InteractionLab.Domain.Writing;

/// <summary>The <c>eventSource</c> of a trace event.</summary>
public enum EventSource
{
    /// <summary>Missing or a value this reader does not know; kept so the line still imports.</summary>
    Unknown,
    /// <summary><c>"user"</c>: caused by the participant.</summary>
    User,
    /// <summary><c>"api"</c>: caused by the system or the model.</summary>
    Api,
}
