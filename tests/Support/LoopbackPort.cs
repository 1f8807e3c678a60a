using System.Net;
using System.Net.Sockets;

namespace Friday.Tests.Support;

public static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on: the system handed it out a moment ago and it is closed again.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
