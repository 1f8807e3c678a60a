using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Friday.Infrastructure.EventLog;
using Friday.Domain.Realtime;
using WebSocketMessageType = System.Net.WebSockets.WebSocketMessageType;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Identity;
using Friday.Infrastructure.Realtime.Security;
using Friday.Infrastructure.Realtime.Serialization;
using Friday.Infrastructure.Realtime.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Friday.Infrastructure.Realtime;

/// <summary>
/// The one handler behind <c>/ws</c>, <c>/ws/{client_id}</c> and <c>/ws/notifications</c>: accepts,
/// authenticates, registers, then reads client messages until the connection ends.
/// </summary>
public sealed partial class WebSocketSession
{
    private readonly WebSocketManager _manager;
    private readonly ClientMessageHandler _handler;
    private readonly StreamPublisher _publisher;
    private readonly RealtimeMetrics _metrics;
    private readonly RealtimeOptions _options;
    private readonly WriteCoalescing _coalescing;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebSocketSession> _logger;
    private readonly ConnectionGuards _guards;
    private readonly ConnectionTokenValidator _tokens;
    private readonly ConnectionSlots _slots;

    internal WebSocketSession(
        WebSocketManager manager,
        ClientMessageHandler handler,
        StreamPublisher publisher,
        RealtimeMetrics metrics,
        IOptions<RealtimeOptions> options,
        IHostApplicationLifetime lifetime,
        TimeProvider clock,
        ILogger<WebSocketSession> logger,
        ConnectionGuards guards,
        ConnectionTokenValidator tokens,
        ConnectionSlots slots)
    {
        _manager = manager;
        _handler = handler;
        _publisher = publisher;
        _metrics = metrics;
        _options = options.Value;
        _coalescing = new WriteCoalescing(TimeSpan.FromMilliseconds(_options.WriteCoalescingMilliseconds), WriteCoalescing.ThreadPoolIsBehind);
        _lifetime = lifetime;
        _clock = clock;
        _logger = logger;
        _guards = guards;
        _tokens = tokens;
        _slots = slots;
    }

    public static bool IsValidClientId(string clientId) => ClientIdPattern().IsMatch(clientId);

    /// <summary>
    /// One of the node's connection slots (<c>Realtime:MaxConnections</c>), for an upgrade taken below
    /// HTTP; null when the node is full, and the request is then the pipeline's to refuse.
    /// </summary>
    public IDisposable? TryTakeSlot() => _slots.TryTake();

    public async Task HandleAsync(HttpContext http, string? clientId)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await RefuseUpgradeAsync(http, StatusCodes.Status400BadRequest, RefusalReasons.NotWebSocket, "A WebSocket upgrade request is expected here.");
            return;
        }

        if (clientId is not null && !IsValidClientId(clientId))
        {
            await RefuseUpgradeAsync(http, StatusCodes.Status400BadRequest, RefusalReasons.InvalidClientId, "Invalid client id", "A client id is 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'.");
            return;
        }

        if (_lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await RefuseUpgradeAsync(http, StatusCodes.Status503ServiceUnavailable, RefusalReasons.ShuttingDown, "The server is shutting down.");
            return;
        }

        // Held until the socket has ended; also released if the upgrade fails.
        using var slot = _slots.TryTake();
        if (slot is null)
        {
            http.Response.Headers.RetryAfter = ConnectionSlots.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await RefuseUpgradeAsync(http, StatusCodes.Status503ServiceUnavailable, RefusalReasons.NodeConnectionLimit, "Too many connections", $"This server holds its limit of {_slots.Max} connections: try again later.");
            return;
        }

        // No keep-alive timer per socket: the heartbeat pings every connection and ends silent ones.
        var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = TimeSpan.Zero });

        // Set by FrameTransportMiddleware, which must run before the WebSocket middleware (UseFridayWebSockets).
        if (http.Features.Get<IFrameTransportFeature>()?.Transport is not { } transport)
        {
            socket.Dispose();
            throw new InvalidOperationException("The WebSocket was accepted without a FrameTransportStream: FrameTransportMiddleware must run before UseWebSockets.");
        }

        // A valid token always has an exp (RequireExpirationTime), so a user without one is impossible.
        var userId = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirst(FridayClaims.Subject)?.Value : null;
        var user = userId is not null && ExpiryOf(http.User) is { } expiresAt ? new ValidatedToken(userId, expiresAt) : null;
        var tokenSent = !StringValues.IsNullOrEmpty(http.Request.Query["token"])
            || http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var lastSeq = ReadLastSeq(http.Request.Query);
        var topics = ReadTopics(http.Request.Query);
        ForgetCredentials(http);
        await RunSocketAsync(socket, transport, clientId, tokenSent, Task.FromResult(user), lastSeq, topics);
    }

    /// <summary>
    /// A WebSocket upgraded on the connection, below HTTP (the WebApi's connection-level upgrade), once
    /// the 101 is written and the request's checks have passed. The token (null: none sent) is validated
    /// here with the parameters the JwtBearer handler uses, and as there an invalid one is no token.
    /// </summary>
    /// <param name="slot">From <see cref="TryTakeSlot"/>; released when the socket has ended.</param>
    /// <remarks>Not async itself: an async frame would keep the token and the query for the socket's life.</remarks>
    public Task HandleUpgradedAsync(Stream stream, IDisposable slot, string? clientId, string? token, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(query);
        var user = string.IsNullOrEmpty(token) ? Task.FromResult<ValidatedToken?>(null) : _tokens.ValidateAsync(token);
        var transport = new FrameTransportStream(stream);

        // As on the HTTP path: the heartbeat, not a timer per socket, keeps it alive.
        var socket = WebSocket.CreateFromStream(transport, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        return ReleaseAfterAsync(RunSocketAsync(socket, transport, clientId, !string.IsNullOrEmpty(token), user, ReadLastSeq(query), ReadTopics(query)), slot);
    }

    private static async Task ReleaseAfterAsync(Task run, IDisposable slot)
    {
        using (slot)
        {
            await run;
        }
    }

    /// <summary>
    /// Runs the socket to its end and disposes it; <paramref name="user"/> is the connect token's owner,
    /// null for none or an invalid one. A token sent and refused ends the connection with 4001 even where
    /// anonymous connections are allowed: quietly connecting an expired token's client as anonymous would
    /// hide its user's data from it without telling it to renew.
    /// </summary>
    private async Task RunSocketAsync(WebSocket socket, FrameTransportStream transport, string? clientId, bool tokenSent, Task<ValidatedToken?> user, long? lastSeq, List<string> topics)
    {
        using var owned = socket;
        var token = await user;
        var userId = token?.Subject;
        if (userId is null && (tokenSent || !_options.AllowAnonymous))
        {
            await RefuseAsync(socket, ErrorCodes.Unauthorized, "A valid token is required: pass it as ?token= or an Authorization: Bearer header.", CloseCodes.Unauthorized, RefusalReasons.Unauthorized);
            return;
        }

        using var connection = new WebSocketConnection(clientId ?? Guid.NewGuid().ToString(), userId, socket, transport, _options.OutboundQueueCapacity, TimeSpan.FromSeconds(_options.CloseTimeoutSeconds), _metrics, _coalescing);
        using var guard = _guards.Admit(connection, token?.ExpiresAt);
        if (guard is null)
        {
            await RefuseAsync(socket, ErrorCodes.Forbidden, $"This user already has {_guards.MaxConnectionsPerUser} open connections: close one first.", CloseCodes.PolicyViolation, RefusalReasons.UserConnectionLimit);
            return;
        }

        if (_manager.Register(connection) == RegistrationResult.IdTakenByAnotherUser)
        {
            await RefuseAsync(socket, ErrorCodes.Forbidden, "This client id is in use by another user.", CloseCodes.Forbidden, RefusalReasons.ClientIdInUse);
            return;
        }

        await RunAsync(connection, lastSeq, topics);
    }

    /// <summary>Inbound claim mapping is off, so the token's <c>exp</c> (Unix seconds) is a claim as it stands.</summary>
    private static DateTimeOffset? ExpiryOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(JwtRegisteredClaimNames.Exp)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>
    /// An upgrade request lives as long as its socket, for hours, and holds copies of the token (the
    /// request target, the parsed query, the Authorization header): once the token has been checked the
    /// request stops showing them. Kestrel's private cache of the request line, kept for the next
    /// request on the connection, still holds the target and query strings (~1 KiB per socket for a
    /// typical token): no public API reaches it.
    /// </summary>
    private static void ForgetCredentials(HttpContext http)
    {
        http.Request.Query = QueryCollection.Empty;
        http.Request.Headers.Authorization = default;
        if (http.Features.Get<IHttpRequestFeature>() is { } request)
        {
            request.RawTarget = request.Path;
        }
    }

    /// <summary><c>?last_seq=N</c> asks for the replay at connect; anything but a whole number ≥ 0 is ignored.</summary>
    private static long? ReadLastSeq(IQueryCollection query) =>
        long.TryParse(query["last_seq"], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null;

    /// <summary><c>?topics=a,b</c>: at most the subscription limit; the usual rules decide each.</summary>
    private List<string> ReadTopics(IQueryCollection query) =>
        [.. query["topics"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).Take(_options.MaxSubscriptionsPerConnection)];

    private async Task RunAsync(WebSocketConnection connection, long? lastSeq, List<string> topics)
    {
        _metrics.Opened();
        RealtimeLog.ConnectionOpened(_logger, connection.Id, connection.UserId);
        var writer = connection.RunWriterAsync();

        // Stays null when the greeting throws: the closing reply below then ends the connection.
        int? endCode = null;
        try
        {
            // Live stream events wait until the greeting is out, so they follow it in order.
            connection.BeginReplay();

            // Every connection, anonymous ones too, holds the topic of system-wide broadcasts; taken before
            // the greeting, like notifications, so such a broadcast is in its stream and its replay from the start.
            _manager.Subscribe(connection, Topic.Broadcast);
            if (connection.UserId is not null)
            {
                _manager.Subscribe(connection, Topic.Notifications);
            }

            ClientMessageHandler.Reply(connection, new ConnectionMessage(connection.Id, connection.UserId, _options.HeartbeatIntervalSeconds, _publisher.Current, _clock.GetUtcNow()));
            await _handler.SubscribeAtConnectAsync(connection, topics, connection.Aborted);
            await _handler.GreetAsync(connection, lastSeq, connection.Aborted);
            await ReceiveLoopAsync(connection);
            endCode = connection.EndCode;
        }
        finally
        {
            connection.Close((int)WebSocketCloseStatus.NormalClosure, "Closing.", drainQueue: false);
            await writer;
            _manager.Unregister(connection);
            var openFor = DateTimeOffset.UtcNow - connection.ConnectedAt;
            var code = endCode ?? connection.CloseCode;
            _metrics.Closed(code, openFor);
            RealtimeLog.ConnectionClosed(_logger, connection.Id, connection.UserId, code, openFor);
        }
    }

    private async Task ReceiveLoopAsync(WebSocketConnection connection)
    {
        var socket = connection.Socket;
        var max = _options.MaxMessageBytes;
        try
        {
            // After the server's close frame (CloseSent) the loop reads on, discarding, until the peer's
            // close frame or the close timer's abort: returning at once would close the TCP connection
            // with the peer's data unread, and the reset that follows makes its kernel drop our close
            // frame too, so the client would see 1006 instead of the code it must act on (4001, 1013...).
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                // An idle connection waits with no buffer of its own; one is rented only when data arrives.
                // No token either: a closing connection's abort timer aborts the socket, which ends the wait.
                var peek = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                if (peek.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                // An empty message is consumed whole by the peek: answer it, and count it against the
                // rate limit, instead of letting it pass unseen.
                if (peek.EndOfMessage)
                {
                    if (!connection.IsClosing && _guards.AdmitMessage(connection, ReadOnlySpan<byte>.Empty))
                    {
                        await _handler.HandleAsync(connection, ReadOnlyMemory<byte>.Empty, connection.Aborted);
                    }

                    continue;
                }

                var buffer = ArrayPool<byte>.Shared.Rent(max + 1);
                try
                {
                    var (length, kind, tooBig) = await ReadMessageAsync(socket, buffer, max, connection.Aborted);
                    if (kind == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (connection.IsClosing)
                    {
                        continue;
                    }

                    if (!tooBig && !_guards.AdmitMessage(connection, kind == WebSocketMessageType.Text ? buffer.AsSpan(0, length) : []))
                    {
                        continue;
                    }

                    if (tooBig)
                    {
                        connection.Close(CloseCodes.MessageTooBig, $"A message may be at most {max} bytes.", drainQueue: false);
                    }
                    else if (kind == WebSocketMessageType.Binary)
                    {
                        ClientMessageHandler.Reply(connection, new ErrorMessage(ErrorCodes.InvalidMessage, "Binary frames are not accepted: send JSON as text."));
                    }
                    else
                    {
                        await _handler.HandleAsync(connection, buffer.AsMemory(0, length), connection.Aborted);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The peer vanished or the close handshake timed out: the finally of RunAsync cleans up.
        }
    }

    /// <summary>Reads one whole message; past <paramref name="max"/> bytes the rest is read and discarded.</summary>
    private static async Task<(int Length, WebSocketMessageType Kind, bool TooBig)> ReadMessageAsync(WebSocket socket, byte[] buffer, int max, CancellationToken cancellationToken)
    {
        var length = 0;
        var tooBig = false;
        while (true)
        {
            var result = await socket.ReceiveAsync(tooBig ? buffer.AsMemory() : buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (0, WebSocketMessageType.Close, false);
            }

            if (!tooBig)
            {
                length += result.Count;
                tooBig = length > max;
            }

            if (result.EndOfMessage)
            {
                return (length, result.MessageType, tooBig);
            }
        }
    }

    /// <summary>An upgrade refused with an HTTP problem, before any socket: <paramref name="reason"/> is one of <see cref="RefusalReasons"/>.</summary>
    private Task RefuseUpgradeAsync(HttpContext http, int status, string reason, string title, string? detail = null)
    {
        _metrics.Refused(status, reason);
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);
    }

    /// <summary>A socket turned away right after the upgrade, never opened: an <c>error</c> message, then the close.</summary>
    /// <param name="reason">One of <see cref="RefusalReasons"/>, for the refusals metric.</param>
    private async Task RefuseAsync(WebSocket socket, string code, string message, int closeCode, string reason)
    {
        RealtimeLog.ConnectionRefused(_logger, closeCode, message);
        _metrics.Refused(closeCode, reason);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.CloseTimeoutSeconds));
        try
        {
            await socket.SendAsync(MessageSerializer.Serialize(new ErrorMessage(code, message)), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            _metrics.ErrorSent(code);
            await socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, message.Length > 120 ? message[..120] : message, timeout.Token);
            var drain = new byte[256];
            while (socket.State == WebSocketState.CloseSent)
            {
                await socket.ReceiveAsync(drain, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            socket.Abort();
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdPattern();
}
