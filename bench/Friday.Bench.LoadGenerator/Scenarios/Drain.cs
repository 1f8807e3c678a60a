namespace Friday.Bench.LoadGenerator.Scenarios;

internal static class Drain
{
    /// <summary>Waits until <paramref name="done"/> holds or the time is up; in-flight deliveries get this long after the last publish.</summary>
    public static async Task UntilAsync(Func<bool> done, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (!done() && !timeout.IsCancellationRequested)
        {
            await Task.Delay(10, cancellationToken);
        }
    }
}
