namespace InteractionLab.Api.Protection;

/// <summary>
/// The reverse proxy in front of the platform (section <c>ReverseProxy</c>). Its <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed only from these addresses, so behind a TLS proxy requests count as HTTPS
/// (cookies get <c>Secure</c>, HSTS is sent) and rate limits see the participant's address, while a client talking
/// to the platform directly cannot pretend to be someone else. Loopback is always trusted.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>172.16.0.0/12</c> for a Docker network.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
