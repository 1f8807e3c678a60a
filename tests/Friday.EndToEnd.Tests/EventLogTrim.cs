using Friday.Infrastructure.EventLog;
using Friday.Infrastructure.Persistence;
using Friday.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// The retention job's progress as the state row records it, so that a test waits for a trim to have
/// happened instead of sleeping for a guess at how long one takes on a busy machine.
/// </summary>
internal static class EventLogTrim
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<long> LastSeqAsync(FridayServer server) => (await StateAsync(server)).LastSeq;

    /// <summary>Waits until the history is trimmed through <paramref name="seq"/> at least.</summary>
    public static Task ThroughAsync(FridayServer server, long seq) =>
        Eventually.TrueAsync(async () => (await StateAsync(server)).TrimmedThrough >= seq, Timeout, $"The history was never trimmed through seq {seq}.");

    private static async Task<StreamState> StateAsync(FridayServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FridayDbContext>().StreamState.AsNoTracking().SingleAsync(s => s.Id == StreamState.SingletonId);
    }
}
