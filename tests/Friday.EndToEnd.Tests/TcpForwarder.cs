using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Friday.Tests.Support;
using Npgsql;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// A loopback TCP relay in front of a real server, so a test can cut one client off from its
/// database the way a network failure does (refused connects, reset connections) while the shared
/// server keeps running for every other test, and then restore it on the same port.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<Socket, byte> _relayed = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public TcpForwarder(IPEndPoint target)
    {
        _target = target;
        Start(0);
    }

    public int Port { get; private set; }

    /// <summary>A relay in front of the test PostgreSQL server (FRIDAY_TEST_POSTGRES).</summary>
    public static TcpForwarder ToPostgres()
    {
        var server = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString);
        var address = IPAddress.TryParse(server.Host, out var ip) ? ip : Dns.GetHostAddresses(server.Host!)[0];
        return new TcpForwarder(new IPEndPoint(address, server.Port));
    }

    /// <summary>The connection string, led through this relay.</summary>
    public string Route(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = IPAddress.Loopback.ToString(), Port = Port }.ConnectionString;

    /// <summary>Listens again on the port it had, after <see cref="CutAsync"/>.</summary>
    public void Restore() => Start(Port);

    /// <summary>Stops listening (new connects are refused) and resets every relayed connection.</summary>
    public async Task CutAsync()
    {
        _listener?.Stop();
        _listener = null;
        await _accepting;
        foreach (var socket in _relayed.Keys)
        {
            Reset(socket);
        }
    }

    public async ValueTask DisposeAsync() => await CutAsync();

    private void Start(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        // The port is taken again while the cut connections of before may still linger in TIME_WAIT.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _relayed.TryAdd(client, 0);
        _relayed.TryAdd(server, 0);
        try
        {
            await server.ConnectAsync(_target);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Cut, or the target went away: both ends are reset below.
        }
        finally
        {
            Reset(client);
            Reset(server);
            _relayed.TryRemove(client, out _);
            _relayed.TryRemove(server, out _);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The other direction, or the cut, closed it.
        }
    }

    /// <summary>Closes with an RST rather than a FIN, as a restarted database host or a firewall dropping the connection does.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }
}
