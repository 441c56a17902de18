using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Api.Protection;

/// <summary>The network a request comes from, as the rate limits count it.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The client's IPv4 address, or its IPv6 /64 (one subscriber usually holds a whole /64, so counting single
    /// IPv6 addresses would let one machine rotate through billions of them). Behind a proxy this is the forwarded
    /// address (see <see cref="ProxyOptions"/>).
    /// </summary>
    public static string Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
