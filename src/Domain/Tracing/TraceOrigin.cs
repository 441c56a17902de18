namespace InteractionLab.Domain.Tracing;

/// <summary>Which clock and which side recorded a trace event.</summary>
public enum TraceOrigin
{
    /// <summary>Recorded in the participant's browser (client clock).</summary>
    Client,
    /// <summary>Recorded by the server (server clock), e.g. token arrival times.</summary>
    Server,
}
