namespace Friday.Infrastructure.Realtime.Security;

/// <summary>
/// The per-user connection cap, counted in client ids: a connection that takes over a client id the
/// user already holds (PROTOCOL.md: it replaces the old one, which is closed with 4008) adds nothing,
/// so a tab reconnecting after a network drop is not locked out while its old socket is still open or
/// closing. One lock covers the check and the count, so connections arriving together never pass the cap.
/// </summary>
internal sealed class UserConnectionLimit(int max)
{
    // Two flat tables rather than a dictionary per user: most users hold one client id, and a
    // dictionary object of its own for each would cost every connection about 250 bytes more.
    private readonly Dictionary<(string UserId, string ClientId), int> _holders = [];
    private readonly Dictionary<string, int> _clientIdsHeld = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Max => max;

    /// <summary>False when the user already holds <see cref="Max"/> other client ids; else counts the connection until <see cref="Remove"/>.</summary>
    public bool TryAdd(string userId, string clientId)
    {
        lock (_lock)
        {
            // Two holders of one client id while one replaces the other.
            var holders = _holders.GetValueOrDefault((userId, clientId));
            if (holders == 0)
            {
                var held = _clientIdsHeld.GetValueOrDefault(userId);
                if (held >= max)
                {
                    return false;
                }

                _clientIdsHeld[userId] = held + 1;
            }

            _holders[(userId, clientId)] = holders + 1;
            return true;
        }
    }

    public void Remove(string userId, string clientId)
    {
        lock (_lock)
        {
            var holders = _holders[(userId, clientId)] - 1;
            if (holders > 0)
            {
                _holders[(userId, clientId)] = holders;
                return;
            }

            _holders.Remove((userId, clientId));
            var held = _clientIdsHeld[userId] - 1;
            if (held > 0)
            {
                _clientIdsHeld[userId] = held;
            }
            else
            {
                _clientIdsHeld.Remove(userId);
            }
        }
    }
}
