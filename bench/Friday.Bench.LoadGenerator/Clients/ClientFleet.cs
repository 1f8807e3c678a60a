using System.Net;
using Friday.Bench.LoadGenerator.Measurement;
using Friday.Bench.LoadGenerator.Protocol;

namespace Friday.Bench.LoadGenerator.Clients;

/// <summary>
/// Opens many connections a bounded number at a time (so the server's accept backlog never
/// overflows) and times each one from upgrade request to subscribe reply.
/// </summary>
internal sealed class ClientFleet : IAsyncDisposable
{
    // One handler for every upgrade instead of one per ClientWebSocket.
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(15),
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    });

    private readonly List<BenchClient> _clients = [];

    public IReadOnlyList<BenchClient> Clients => _clients;

    public LatencyHistogram ConnectMicros { get; } = new();

    public int Failed { get; private set; }

    public double Seconds { get; private set; }

    public int Dropped => _clients.Count(c => c.Dropped);

    public async Task ConnectAsync(
        ITargetDialect dialect,
        Func<ClientIdentity, Uri> uriFor,
        IReadOnlyList<ClientIdentity> identities,
        Func<int, IMessageSink> sinkFor,
        string? topic,
        int parallelism,
        CancellationToken cancellationToken)
    {
        var start = Clock.Now();
        var failed = 0;
        var connected = new BenchClient?[identities.Count];
        await Parallel.ForAsync(0, identities.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var client = new BenchClient(dialect, sinkFor(i));
            var began = Clock.Now();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                await client.ConnectAsync(uriFor(identities[i]), _invoker, timeout.Token);
                if (topic is not null)
                {
                    await client.SubscribeAsync(topic, timeout.Token);
                }

                ConnectMicros.Record(Clock.MicrosSince(began, Clock.Now()));
                connected[i] = client;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var failures = Interlocked.Increment(ref failed);
                await client.DisposeAsync();
                if (failures == 1)
                {
                    await Console.Error.WriteLineAsync($"first connection failure: {e.GetType().Name}: {e.Message}");
                }
            }
        });

        Seconds = Clock.SecondsSince(start);
        Failed = failed;
        _clients.AddRange(connected.OfType<BenchClient>());
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, (client, _) => client.DisposeAsync());
        _clients.Clear();
        _invoker.Dispose();
    }
}
