using System.Text.Json;
using Friday.Infrastructure.Realtime;

namespace Friday.Infrastructure.Tests.Support;

/// <summary>A connection under test: the server side registered with the manager, its writer loop running.</summary>
public sealed class TestConnection : IDisposable
{
    private TestConnection(SocketPair pair, WebSocketConnection connection, bool startWriter)
    {
        Pair = pair;
        Connection = connection;
        if (startWriter)
        {
            StartWriter();
        }
    }

    public SocketPair Pair { get; }

    internal WebSocketConnection Connection { get; }

    public Task Writer { get; private set; } = Task.CompletedTask;

    /// <param name="startWriter">False leaves the writer loop stopped until <see cref="StartWriter"/>, so a backlog can build up first.</param>
    /// <param name="coalescing">When writes are held back; never, unless given.</param>
    internal static TestConnection Open(string id, string? userId, RealtimeMetrics metrics, int queueCapacity = 1024, long? toClientPauseBytes = null, bool startWriter = true, WriteCoalescing? coalescing = null)
    {
        var pair = SocketPair.Create(toClientPauseBytes);
        return new TestConnection(pair, new WebSocketConnection(id, userId, pair.Server, pair.ServerTransport, queueCapacity, TimeSpan.FromSeconds(5), metrics, coalescing ?? WriteCoalescing.Off), startWriter);
    }

    public void StartWriter() => Writer = Task.Run(Connection.RunWriterAsync);

    public Task<JsonElement?> ReceiveAsync() => Pair.ReceiveAsync();

    public Task<string> ReceiveTypeOrCloseAsync() => Pair.ReceiveTypeOrCloseAsync();

    public void Dispose()
    {
        Connection.Close(1000, "test over", drainQueue: false);
        Pair.Dispose();
    }
}
