namespace Friday.Tests.Support;

/// <summary>A state the server reaches in its own time (a log line, a row, a metric): polled for, and the test failed with the message if it is not reached in time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(PollInterval);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string failure) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, failure);
}
