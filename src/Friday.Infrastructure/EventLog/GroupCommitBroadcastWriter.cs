using System.Threading.Channels;
using Friday.Application.Common.Exceptions;
using Friday.Application.Realtime;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Friday.Infrastructure.EventLog;

/// <summary>
/// Group commit for public broadcasts: one writer drains every broadcast queued meanwhile and stores
/// them in one transaction, so a burst of broadcasts costs one commit and one sequencer run instead
/// of one each, and on SQLite one turn at the write lock. Each caller completes only after the
/// transaction holding its row committed and the sequencer run after it (which publishes) finished;
/// if the commit fails every caller of that batch fails and none of its rows exists.
/// </summary>
internal sealed class GroupCommitBroadcastWriter(IServiceScopeFactory scopes) : BackgroundService, IBroadcastWriter
{
    /// <summary>Bounds one transaction; a longer queue is drained in several.</summary>
    internal const int MaxBatch = 256;

    private readonly Channel<QueuedBroadcast> _queue = Channel.CreateUnbounded<QueuedBroadcast>(new UnboundedChannelOptions { SingleReader = true });

    public async Task WriteAsync(string topic, WebSocketMessage message, CancellationToken cancellationToken)
    {
        var broadcast = new QueuedBroadcast(Audience.PublicTopic(topic), message, cancellationToken);
        if (!_queue.Writer.TryWrite(broadcast))
        {
            throw new ServiceUnavailableException("The server is shutting down; the broadcast was not stored.");
        }

        await broadcast.Committed.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueuedBroadcast>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var broadcast))
                {
                    // A caller that gave up before its turn is not written at all.
                    if (broadcast.Cancellation.IsCancellationRequested)
                    {
                        broadcast.Committed.TrySetCanceled(broadcast.Cancellation);
                        continue;
                    }

                    batch.Add(broadcast);
                }

                if (batch.Count > 0)
                {
                    await CommitAsync(batch);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left))
            {
                left.Committed.TrySetException(new ServiceUnavailableException("The server is shutting down; the broadcast was not stored."));
            }
        }
    }

    /// <summary>The batch's own token is none: once taken, its rows commit or fail for all callers alike.</summary>
    private async Task CommitAsync(List<QueuedBroadcast> batch)
    {
        Exception? failure = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<IStreamOutbox>();
            foreach (var broadcast in batch)
            {
                outbox.Add(broadcast.Audience, broadcast.Message);
            }

            await scope.ServiceProvider.GetRequiredService<FridayDbContext>().SaveChangesAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // Every caller of the batch gets the failure; the writer goes on with the next batch.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex as ServiceUnavailableException
                ?? new ServiceUnavailableException($"The broadcast was not stored: the transaction of {batch.Count} broadcast(s) it shared failed; try again.", ex);
        }

        foreach (var broadcast in batch)
        {
            if (failure is null)
            {
                broadcast.Committed.TrySetResult();
            }
            else
            {
                broadcast.Committed.TrySetException(failure);
            }
        }
    }

    private sealed record QueuedBroadcast(Audience Audience, WebSocketMessage Message, CancellationToken Cancellation)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
