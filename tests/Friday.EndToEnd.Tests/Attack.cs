namespace Friday.EndToEnd.Tests;

/// <summary>
/// One attack of the hostile-input suite as it runs: its rounds repeat until it is told to stop,
/// and each hostile message or connection counts a hit, so the suite can tell that the attack was
/// under way the whole time honest traffic was checked.
/// </summary>
public sealed class Attack
{
    private readonly TaskCompletionSource _underWay = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hits;
    private int _round;
    private volatile bool _stopping;

    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Completes at the first hit.</summary>
    public Task UnderWay => _underWay.Task;

    public void Hit()
    {
        Interlocked.Increment(ref _hits);
        _underWay.TrySetResult();
    }

    /// <summary>Completes once the count of hits is above <paramref name="hits"/>.</summary>
    public async Task HitAfterAsync(int hits)
    {
        while (Hits <= hits)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>A user of this round's own, so that no round waits for the last one's connections to be released.</summary>
    public string User(string name) => $"{name}-{Volatile.Read(ref _round)}";

    /// <summary>Runs <paramref name="round"/> again and again until <see cref="Stop"/>; at least once.</summary>
    public async Task RunAsync(Func<Attack, Task> round)
    {
        do
        {
            await round(this);
            Interlocked.Increment(ref _round);
        }
        while (!_stopping);
    }

    public void Stop() => _stopping = true;
}
