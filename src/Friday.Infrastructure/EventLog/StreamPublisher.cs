using Friday.Infrastructure.Backplane;
using Friday.Infrastructure.Notifications;
using Friday.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.EventLog;

/// <summary>
/// Gives committed stream events their <c>seq</c> and publishes them. Sequencing happens in one
/// transaction that first updates the state row, so sequencers run one at a time on every node and
/// provider: each batch is numbered after everything numbered before it, and a row is numbered only
/// once it is committed. Numbers therefore increase in the order events become visible — unlike an
/// identity column, which concurrent transactions can commit out of order (docs/decisions/0003).
/// Writers that commit while a run is under way share the next run instead of each starting its
/// own: that run begins after all their commits, so it numbers all their rows in one transaction.
/// </summary>
public sealed partial class StreamPublisher : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IServiceScopeFactory _scopes;
    private readonly IStreamBackplane _backplane;
    private readonly OrderedStreamDelivery _delivery;
    private readonly NotificationDeliveries _deliveries;
    private readonly SqliteWriteGate _writeGate;
    private readonly IOptions<EventLogOptions> _options;
    private readonly Lock _runs = new();
    private readonly ILogger<StreamPublisher> _logger;
    private TaskCompletionSource? _nextRun;
    private bool _running;

    internal StreamPublisher(IServiceScopeFactory scopes, IStreamBackplane backplane, OrderedStreamDelivery delivery, NotificationDeliveries deliveries, SqliteWriteGate writeGate, IOptions<EventLogOptions> options, ILogger<StreamPublisher> logger)
    {
        _scopes = scopes;
        _backplane = backplane;
        _delivery = delivery;
        _deliveries = deliveries;
        _writeGate = writeGate;
        _options = options;
        _logger = logger;
    }

    /// <summary>The newest <c>seq</c> delivered on this node, whichever node issued it.</summary>
    public long Current => _delivery.Current;

    /// <summary>Reads the newest <c>seq</c> issued before this process started.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FridayDbContext>();
        var last = await db.LastSeqAsync(cancellationToken);
        _delivery.Start(last);
    }

    /// <summary>
    /// Called right after a change with stream events commits; completes once a sequencer run that
    /// started after this call has numbered and published them. The change stands whatever happens
    /// here, so a failure is logged, not thrown: the sweep publishes the events a moment later.
    /// </summary>
    public async Task AfterCommitAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.CrashAfterCommit)
        {
            Environment.FailFast("EventLog:CrashAfterCommit: dying between commit and publish, as the crash test asks.");
        }

        Task run;
        var start = false;
        lock (_runs)
        {
            // A run not yet started begins after this commit, so it covers it: join it.
            _nextRun ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            run = _nextRun.Task;
            if (!_running)
            {
                _running = start = true;
            }
        }

        if (start)
        {
            _ = Task.Run(RunQueuedAsync, CancellationToken.None);
        }

        try
        {
            await run.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(_logger, ex);
        }
    }

    /// <summary>Runs the sequencer while commits keep asking for it; one run serves every commit queued before it began.</summary>
    private async Task RunQueuedAsync()
    {
        while (true)
        {
            TaskCompletionSource run;
            lock (_runs)
            {
                if (_nextRun is null)
                {
                    _running = false;
                    return;
                }

                run = _nextRun;
                _nextRun = null;
            }

            try
            {
                await PublishPendingAsync(CancellationToken.None);
                run.SetResult();
            }
#pragma warning disable CA1031 // The writers waiting on this run get the failure; the loop goes on for the next ones.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                run.SetException(ex);
            }
        }
    }

    /// <summary>
    /// Sequences every committed, unsequenced event and publishes them in seq order; returns how many.
    /// Returns once the notifications among them that reached a connection here are recorded as delivered.
    /// </summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var batch = await SequenceAsync(cancellationToken);
            foreach (var streamEvent in batch)
            {
                _backplane.Publish(streamEvent.ToEnvelope());
            }

            if (batch.Any(e => e.NotificationId is not null))
            {
                await _deliveries.FlushAsync(cancellationToken);
            }

            return batch.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<StreamEvent>> SequenceAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        using var turn = await _writeGate.EnterAsync(cancellationToken);
        return await StreamSequencer.SequenceAsync(scope.ServiceProvider.GetRequiredService<FridayDbContext>(), cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing committed stream events failed; the sweep will publish them")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
