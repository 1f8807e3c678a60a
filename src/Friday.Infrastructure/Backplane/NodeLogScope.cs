using System.Collections;
using Microsoft.Extensions.Logging;

namespace Friday.Infrastructure.Backplane;

/// <summary>
/// The node's identity as the outermost logging scope of every log entry, whichever thread writes
/// it. A scope opened with <c>BeginScope</c> around the host would reach only code running in its
/// async flow, and Kestrel starts connections outside that flow. Registered as the logger factory's
/// scope provider, so every provider that shows scopes (the console with <c>IncludeScopes</c>, the
/// JSON formatter, OpenTelemetry) names the node on every entry. Other scopes (the request's) follow it.
/// </summary>
internal sealed class NodeLogScope(string nodeId) : IExternalScopeProvider
{
    private readonly LoggerExternalScopeProvider _scopes = new();
    private readonly NodeScope _node = new(nodeId);

    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        callback(_node, state);
        _scopes.ForEachScope(callback, state);
    }

    public IDisposable Push(object? state) => _scopes.Push(state);

    /// <summary>A structured scope (<c>Node</c> = id) that prints as <c>Node:id</c>.</summary>
    private sealed class NodeScope(string nodeId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?> _node = new("Node", nodeId);

        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] => index == 0 ? _node : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return _node;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"Node:{_node.Value}";
    }
}
