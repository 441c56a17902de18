namespace InteractionLab.Api.Protection;

/// <summary>
/// How often one network address (and one study) may knock on the doors anyone can reach (section
/// <c>RateLimits</c>). The defaults let a lab room behind one NAT start a study together while a script from one
/// address cannot fill a study's places or guess passwords at speed.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts per address per minute (right or wrong; there is no account lockout to abuse).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Consents and resume-code attempts per address per minute.</summary>
    public int ParticipantDoorPerMinute { get; set; } = 20;

    /// <summary>Consents and resume-code attempts per study per minute, from all addresses together.</summary>
    public int ParticipantDoorPerStudyPerMinute { get; set; } = 600;

    /// <summary>Hub connection attempts (negotiate and connect) per address per minute.</summary>
    public int HubConnectionsPerMinute { get; set; } = 120;

    /// <summary>Hub method calls per participant session per second (the trace logger sends two batches a second).</summary>
    public int HubCallsPerSecond { get; set; } = 20;

    /// <summary>Hub method calls a session may make at once before the per-second rate applies (a reconnect's backlog).</summary>
    public int HubCallBurst { get; set; } = 200;
}
