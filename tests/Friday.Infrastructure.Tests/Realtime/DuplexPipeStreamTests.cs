using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Friday.Infrastructure.Realtime.Transport;

namespace Friday.Infrastructure.Tests.Realtime;

/// <summary>The stream a WebSocket upgraded on the connection runs on: Kestrel's pipes, and its socket for writes.</summary>
public sealed class DuplexPipeStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Dispose_ShouldEndAReadThatWaitsForASilentPeer()
    {
        var input = new Pipe();
        var stream = new DuplexPipeStream(new Duplex(input.Reader, new Pipe().Writer));
        var read = stream.ReadAsync(new byte[16]).AsTask();

        await stream.DisposeAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => read.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Writes_WithoutASocket_ShouldGoToTheOutputPipe()
    {
        var output = new Pipe();
        await using var stream = new DuplexPipeStream(new Duplex(new Pipe().Reader, output.Writer));

        await stream.WriteAsync("hello"u8.ToArray());

        var read = await output.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("hello"u8.ToArray(), System.Buffers.BuffersExtensions.ToArray(read.Buffer));
    }

    [Fact]
    public async Task Writes_WithASocket_ShouldGoToTheSocket_AndNeverToTheOutputPipe()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var server = await listener.AcceptSocketAsync();
        var output = new Pipe();
        await using var stream = new DuplexPipeStream(new Duplex(new Pipe().Reader, output.Writer), server);

        await stream.WriteAsync("async "u8.ToArray());
        stream.Write("sync"u8.ToArray(), 0, 4);

        var received = new byte[10];
        await client.GetStream().ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        Assert.Equal("async sync"u8.ToArray(), received);
        Assert.False(output.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Writes_ToASocketThePeerReset_ShouldFailAsIOException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient { LingerState = new LingerOption(true, 0) };
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        using var server = await listener.AcceptSocketAsync();
        await using var stream = new DuplexPipeStream(new Duplex(new Pipe().Reader, new Pipe().Writer), server);

        // Linger 0: the close is a reset, and the sends after it fail.
        client.Dispose();

        var failed = await Record.ExceptionAsync(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                await stream.WriteAsync(new byte[1024]);
                await Task.Delay(10);
            }
        });
        Assert.IsType<IOException>(failed);
        Assert.IsType<SocketException>(failed.InnerException);
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
