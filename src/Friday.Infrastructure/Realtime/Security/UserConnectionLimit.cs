namespace Friday.Infrastructure.Realtime.Security;

/// <summary>
/// The per-user connection cap, counted in client ids: a connection that takes over a client id the
/// user already holds (PROTOCOL.md: it replaces the old one, which is closed with 4008) adds nothing,
/// so a tab reconnecting after a network drop is not locked out while its old socket is still open or
/// closing. One lock covers the check and the count, so connections arriving together never pass the cap.
/// </summary>
internal sealed class UserConnectionLimit(int max)
{
    /// <summary>Per user: each client id held, and how many connections hold it (two while one replaces the other).</summary>
    private readonly Dictionary<string, Dictionary<string, int>> _users = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Max => max;

    /// <summary>False when the user already holds <see cref="Max"/> other client ids; else counts the connection until <see cref="Remove"/>.</summary>
    public bool TryAdd(string userId, string clientId)
    {
        lock (_lock)
        {
            var held = _users.GetValueOrDefault(userId);
            var holders = held?.GetValueOrDefault(clientId) ?? 0;
            if (holders == 0 && held?.Count >= max)
            {
                return false;
            }

            held ??= _users[userId] = new Dictionary<string, int>(StringComparer.Ordinal);
            held[clientId] = holders + 1;
            return true;
        }
    }

    public void Remove(string userId, string clientId)
    {
        lock (_lock)
        {
            var held = _users[userId];
            var holders = held[clientId] - 1;
            if (holders > 0)
            {
                held[clientId] = holders;
                return;
            }

            held.Remove(clientId);
            if (held.Count == 0)
            {
                _users.Remove(userId);
            }
        }
    }
}
