namespace Friday.Bench.LoadGenerator.Protocol;

/// <summary>What differs between Friday and the SignalR baseline on the wire.</summary>
internal interface ITargetDialect
{
    string Name { get; }

    /// <summary>The connect address; <paramref name="topics"/> (comma separated) are held from the start, as a resuming client names them.</summary>
    Uri ConnectUri(Uri server, ClientIdentity identity, long? lastSeq, string? topics = null);

    /// <summary>Sent right after the upgrade, before the server greets; empty when the server speaks first.</summary>
    ReadOnlyMemory<byte> Handshake { get; }

    ReadOnlyMemory<byte> Subscribe(string topic);

    /// <summary>An application-level keep-alive, for servers that ignore WebSocket pong frames; empty if none is needed.</summary>
    ReadOnlyMemory<byte> KeepAlive { get; }

    /// <summary>
    /// Parses every complete message at the start of <paramref name="buffered"/> and returns how many bytes it consumed.
    /// </summary>
    int Consume(ReadOnlySpan<byte> buffered, bool endOfMessage, IMessageSink sink);

    /// <summary>Obtains what a connection of <paramref name="userId"/> presents; admins may publish.</summary>
    Task<ClientIdentity> IdentifyAsync(HttpClient http, Uri server, string userId, bool admin, CancellationToken cancellationToken);

    HttpRequestMessage Publish(Uri server, string topic, string adminToken, ReadOnlyMemory<byte> body);
}
