namespace Friday.Infrastructure.Persistence;

/// <summary>
/// Lets this process's SQLite writers into the database one at a time, queued asynchronously.
/// SQLite has one write lock and Microsoft.Data.Sqlite no asynchronous I/O: a writer that finds the
/// lock taken blocks its thread-pool thread in the busy handler until the lock is free, and a few
/// such writers starve the pool of a small machine (docs/benchmarks.md). Queued here they wait
/// without a thread. PostgreSQL locks rows and waits on the socket, so there the gate lets everyone
/// through. Writers of other processes still meet <c>busy_timeout</c> (<see cref="SqlitePragmas"/>).
/// </summary>
public sealed class SqliteWriteGate(bool enabled) : IDisposable
{
    private readonly SemaphoreSlim? _writer = enabled ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Waits for the write lock of this process; dispose the result to pass it on.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            return default;
        }

        await _writer.WaitAsync(cancellationToken);
        return new Turn(_writer);
    }

    public void Dispose() => _writer?.Dispose();

    /// <summary>One writer's turn; the default value is the no-op turn of a disabled gate.</summary>
    public readonly struct Turn(SemaphoreSlim? writer) : IDisposable
    {
        public void Dispose() => writer?.Release();
    }
}
