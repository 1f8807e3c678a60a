using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Friday.Tests.Support;

/// <summary>
/// Every log line the host writes, for tests that check what is (and is not) logged: level, category,
/// the scopes as the console prints them (<c> => scope</c>), message and exception.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Waits until a line containing <paramref name="fragment"/> was logged; fails the test after <paramref name="timeout"/>.</summary>
    public Task WaitForLineAsync(string fragment, TimeSpan timeout) =>
        Eventually.TrueAsync(() => _lines.Any(line => line.Contains(fragment, StringComparison.Ordinal)), timeout, $"No log line contains '{fragment}'.");

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new StringBuilder();
            logs._scopes.ForEachScope((scope, text) => text.Append(" => ").Append(scope), scopes);
            logs._lines.Enqueue($"{logLevel} {category}{scopes}: {formatter(state, exception)} {exception}");
        }
    }
}
