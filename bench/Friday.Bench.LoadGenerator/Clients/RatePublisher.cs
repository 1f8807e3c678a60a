using System.Diagnostics;
using Friday.Bench.LoadGenerator.Measurement;

namespace Friday.Bench.LoadGenerator.Clients;

/// <summary>
/// Calls a send function at a fixed rate (or back to back when the rate is 0) for a fixed time,
/// with a bounded number of calls in flight so a slow server slows the publisher instead of
/// piling up requests.
/// </summary>
internal sealed class RatePublisher(double perSecond, TimeSpan duration, int maxInFlight)
{
    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Failed => Interlocked.Read(ref _failed);

    private long _succeeded;
    private long _failed;

    /// <param name="send">Given the publish stamp; returns whether the server accepted the call.</param>
    public async Task RunAsync(Func<long, CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        using var inFlight = new SemaphoreSlim(maxInFlight);
        var start = Clock.Now();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long issued = 0;
        while (Clock.Now() < end)
        {
            if (perSecond > 0)
            {
                var due = start + (long)(issued * Stopwatch.Frequency / perSecond);
                if (due >= end)
                {
                    break;
                }

                var wait = due - Clock.Now();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancellationToken);
                }
            }

            await inFlight.WaitAsync(cancellationToken);
            issued++;
            _ = SendOneAsync(send, inFlight, cancellationToken);
        }

        for (var i = 0; i < maxInFlight; i++)
        {
            await inFlight.WaitAsync(cancellationToken);
        }
    }

    private async Task SendOneAsync(Func<long, CancellationToken, Task<bool>> send, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            var accepted = await send(Clock.Now(), cancellationToken);
            Interlocked.Increment(ref accepted ? ref _succeeded : ref _failed);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            inFlight.Release();
        }
    }
}
