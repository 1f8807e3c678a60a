using System.Collections.Concurrent;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// The connections subscribed to one public topic. A copy-on-write array would copy every member on
/// each subscribe — 400 MB of copies for 10,000 subscribers of one topic; a concurrent set adds and
/// removes in constant time and is enumerated without a lock while it changes.
/// </summary>
internal sealed class TopicMembers
{
    private readonly ConcurrentDictionary<WebSocketConnection, byte> _members = new(ReferenceEqualityComparer.Instance);

    public bool IsEmpty => _members.IsEmpty;

    public void Add(WebSocketConnection connection) => _members.TryAdd(connection, 0);

    public void Remove(WebSocketConnection connection) => _members.TryRemove(connection, out _);

    /// <summary>Every member at some moment of the enumeration; one added or removed meanwhile may or may not appear.</summary>
    public IEnumerable<WebSocketConnection> Snapshot()
    {
        foreach (var member in _members)
        {
            yield return member.Key;
        }
    }
}
