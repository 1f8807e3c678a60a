using System.Collections.Concurrent;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>Reads a socket in the background and keeps the <c>seq</c> of every <c>data_changed</c>, in arrival order.</summary>
public sealed class SeqRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<long> _seqs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SeqRecorder(TestSocket socket)
    {
        Socket = socket;
        _loop = ReadAsync();
    }

    public TestSocket Socket { get; }

    public IReadOnlyList<long> Seqs => [.. _seqs];

    public long Last => _seqs.IsEmpty ? 0 : _seqs.Last();

    /// <summary>Waits until at least <paramref name="count"/> events arrived; false on timeout.</summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_seqs.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return _seqs.Count >= count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await Socket.DisposeAsync();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                // A receive that times out aborts the socket, so one waits long and only the wait is cancelled.
                var message = await Socket.ReceiveAsync(TimeSpan.FromMinutes(2)).WaitAsync(_stop.Token);
                if (message is not { } m)
                {
                    return;
                }

                if (m.GetProperty("type").GetString() == "data_changed")
                {
                    _seqs.Enqueue(m.GetProperty("seq").GetInt64());
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            // Stopped, or the node under the socket was killed.
        }
    }
}
