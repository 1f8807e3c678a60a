using System.Buffers;
using System.Net.WebSockets;
using Friday.Bench.LoadGenerator.Protocol;

namespace Friday.Bench.LoadGenerator.Clients;

/// <summary>
/// One WebSocket connection with one pooled receive buffer. The greeting and the subscribe reply are
/// awaited here; every other message goes to the scenario's sink from the receive loop itself.
/// </summary>
internal sealed class BenchClient : IMessageSink, IAsyncDisposable
{
    private const int InitialBufferSize = 4096;

    // Friday counts a pong frame as life and SignalR's own keep-alive is a message; both servers time out after 30 s or more.
    private static readonly TimeSpan s_keepAliveInterval = TimeSpan.FromSeconds(15);

    private readonly ITargetDialect _dialect;
    private readonly IMessageSink _sink;
    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource<long> _welcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private Task _receiving = Task.CompletedTask;
    private Task _keepingAlive = Task.CompletedTask;

    public BenchClient(ITargetDialect dialect, IMessageSink sink)
    {
        _dialect = dialect;
        _sink = sink;
        _socket.Options.KeepAliveInterval = s_keepAliveInterval;
    }

    /// <summary>Highest <c>seq</c> seen, the greeting's <c>last_seq</c> included.</summary>
    public long LastSeq { get; private set; }

    /// <summary>True once the connection ended without this side asking for it.</summary>
    public bool Dropped { get; private set; }

    public async Task ConnectAsync(Uri uri, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(uri, invoker, cancellationToken);
        _receiving = ReceiveLoopAsync();
        if (!_dialect.Handshake.IsEmpty)
        {
            await _socket.SendAsync(_dialect.Handshake, WebSocketMessageType.Text, true, cancellationToken);
        }

        await _welcome.Task.WaitAsync(cancellationToken);
    }

    public async Task SubscribeAsync(string topic, CancellationToken cancellationToken)
    {
        await _socket.SendAsync(_dialect.Subscribe(topic), WebSocketMessageType.Text, true, cancellationToken);
        await _subscribed.Task.WaitAsync(cancellationToken);
        if (!_dialect.KeepAlive.IsEmpty)
        {
            _keepingAlive = KeepAliveLoopAsync();
        }
    }

    public void OnMessage(in InboundMessage message)
    {
        LastSeq = Math.Max(LastSeq, message.Seq);
        switch (message.Kind)
        {
            case MessageKind.Welcome:
                _welcome.TrySetResult(message.Seq);
                break;
            case MessageKind.Subscribed:
                _subscribed.TrySetResult();
                break;
            case MessageKind.Error:
                var error = new InvalidOperationException("The server answered with an error.");
                _welcome.TrySetException(error);
                _subscribed.TrySetException(error);
                break;
            default:
                _sink.OnMessage(in message);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // A server that already went away needs no goodbye.
        }

        _socket.Abort();
        await Task.WhenAll(_receiving, _keepingAlive);
        _socket.Dispose();
        _stopping.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private async Task ReceiveLoopAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == _buffer.Length)
                {
                    Grow(filled);
                }

                var result = await _socket.ReceiveAsync(_buffer.AsMemory(filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                filled += result.Count;
                var consumed = _dialect.Consume(_buffer.AsSpan(0, filled), result.EndOfMessage, this);
                if (consumed > 0)
                {
                    _buffer.AsSpan(consumed, filled - consumed).CopyTo(_buffer);
                    filled -= consumed;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Reported through Dropped below; the scenario decides whether that is a failure.
        }

        Dropped = !_stopping.IsCancellationRequested;
        var closed = new InvalidOperationException("The connection closed before the server answered.");
        _welcome.TrySetException(closed);
        _subscribed.TrySetException(closed);
    }

    private void Grow(int filled)
    {
        var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    private async Task KeepAliveLoopAsync()
    {
        using var timer = new PeriodicTimer(s_keepAliveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                await _socket.SendAsync(_dialect.KeepAlive, WebSocketMessageType.Text, true, _stopping.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The receive loop notices the same end and reports it.
        }
    }
}
