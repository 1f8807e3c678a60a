using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Friday.Infrastructure.Realtime;
using Friday.Infrastructure.Realtime.Transport;
using Friday.WebApi.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Friday.WebApi.Upgrade;

/// <summary>
/// A Kestrel connection middleware that opens Friday's WebSockets on the connection itself, below HTTP:
/// an upgraded HTTP request keeps its whole HTTP/1.1 connection, request context and middleware frames
/// for the socket's life (about half of an idle socket's memory, docs/benchmarks.md), this keeps only
/// the connection. It takes a connection's first request only when it is a valid upgrade of a Friday
/// route that the pipeline would accept (allowed origin, a free connection slot on the node, within
/// the connection rate limit, server not stopping), checked with the same services; behind a proxy
/// the rate limit counts the address the pipeline's forwarded-headers middleware would see. Anything else, including every refusal, goes to
/// the HTTP pipeline with its bytes unread, which answers it as before.
/// </summary>
internal sealed class ConnectionUpgradeMiddleware(
    ConnectionDelegate next,
    WebSocketSession session,
    OriginPolicy origins,
    ConnectionAttemptLimiter attempts,
    IHostApplicationLifetime lifetime,
    IOptions<ForwardedHeadersOptions> forwarding,
    ILoggerFactory loggers,
    ILogger<RequestLog> requestLog,
    TimeSpan headTimeout)
{
    /// <summary>Longer heads (cookies, big tokens) go to the pipeline, which enforces Kestrel's limits on them.</summary>
    private const int MaxHeadBytes = 16 * 1024;

    private static readonly HttpParser<UpgradeRequestHead> Parser = new();

    /// <summary>The forwarded-address header's name when forwarded headers are in use (ASPNETCORE_FORWARDEDHEADERS_ENABLED or code), else null.</summary>
    private readonly byte[]? _forwardedForHeader = forwarding.Value.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedFor)
        ? Encoding.ASCII.GetBytes(forwarding.Value.ForwardedForHeaderName.ToLowerInvariant())
        : null;

    /// <summary>ASP.NET Core's own forwarded-headers rules (known proxies and networks, forward limit), applied to the head.</summary>
    private readonly ForwardedHeadersMiddleware _forwarder = new(_ => Task.CompletedTask, loggers, forwarding);

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var socket = await TryUpgradeAsync(connection);
        if (socket is null)
        {
            await next(connection);
            return;
        }

        await socket;
    }

    /// <summary>The upgraded socket's session, or null when the request is the pipeline's.</summary>
    private async Task<Task?> TryUpgradeAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(headTimeout);
        while (true)
        {
            ReadResult read;
            try
            {
                read = await input.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return null;
            }

            var buffer = read.Buffer;
            switch (Inspect(buffer, connection.RemoteEndPoint, out var upgrade))
            {
                case Verdict.NeedMore when !read.IsCompleted && buffer.Length <= MaxHeadBytes:
                    input.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                case Verdict.Upgrade:
                    input.AdvanceTo(buffer.GetPosition(upgrade!.HeadLength));
                    return await UpgradeAsync(connection, upgrade, started);
                default:
                    // Nothing consumed, nothing examined: the pipeline's first read sees the same bytes at once.
                    input.AdvanceTo(buffer.Start);
                    return null;
            }
        }
    }

    private Verdict Inspect(ReadOnlySequence<byte> buffer, EndPoint? remote, out Upgrade? upgrade)
    {
        upgrade = null;
        var prefix = "GET /ws"u8;
        var seen = (int)Math.Min(buffer.Length, prefix.Length);
        Span<byte> start = stackalloc byte[seen];
        buffer.Slice(0, seen).CopyTo(start);
        if (!start.SequenceEqual(prefix[..seen]))
        {
            return Verdict.Http;
        }

        if (seen < prefix.Length)
        {
            return Verdict.NeedMore;
        }

        var head = new UpgradeRequestHead(_forwardedForHeader);
        var reader = new SequenceReader<byte>(buffer);
        try
        {
            if (!Parser.ParseRequestLine(head, ref reader) || !Parser.ParseHeaders(head, ref reader))
            {
                return Verdict.NeedMore;
            }
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            return Verdict.Http;
        }

        if (!WebSocketHandshake.TryAccept(head, out var clientId)
            || lifetime.ApplicationStopping.IsCancellationRequested
            || (head.Origin is { Length: > 0 } origin && !origins.IsAllowed(origin))
            || session.TryTakeSlot() is not { } slot)
        {
            return Verdict.Http;
        }

        // The slot before the attempt: a full node's refusal is left to the pipeline, whose limiter
        // counts the attempt there, so counting it here as well would count it twice.
        if (!attempts.TryAcquire(ClientAddress((remote as IPEndPoint)?.Address, head.ForwardedFor)))
        {
            slot.Dispose();
            return Verdict.Http;
        }

        upgrade = new Upgrade(reader.Consumed, head, clientId, slot);
        return Verdict.Upgrade;
    }

    /// <summary>The address the HTTP pipeline would see: the connection's, or the forwarded one a trusted proxy gave.</summary>
    private IPAddress? ClientAddress(IPAddress? connection, string? forwardedFor)
    {
        if (forwardedFor is null)
        {
            return connection;
        }

        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = connection;
        http.Request.Headers[forwarding.Value.ForwardedForHeaderName] = forwardedFor;
        _forwarder.ApplyForwarders(http);
        return http.Connection.RemoteIpAddress;
    }

    /// <summary>The session takes the upgrade's slot over; until it has, a failure here releases it.</summary>
    private async Task<Task> UpgradeAsync(ConnectionContext connection, Upgrade upgrade, long started)
    {
        try
        {
            return await StartSocketAsync(connection, upgrade, started);
        }
        catch
        {
            upgrade.Slot.Dispose();
            throw;
        }
    }

    private async Task<Task> StartSocketAsync(ConnectionContext connection, Upgrade upgrade, long started)
    {
        var head = upgrade.Head;
        var stream = new DuplexPipeStream(connection.Transport, connection.Features.Get<IConnectionSocketFeature>()?.Socket);
        try
        {
            await stream.WriteAsync(WebSocketHandshake.SwitchingProtocols(head.Key!));
        }
        catch (IOException)
        {
            // The client left before its 101: nothing to run, and nothing for Kestrel to report.
            upgrade.Slot.Dispose();
            return Task.CompletedTask;
        }

        if (requestLog.IsEnabled(LogLevel.Information))
        {
            RequestLog.Finished(requestLog, "GET", head.Path, RequestLog.Redact(head.Query), StatusCodes.Status101SwitchingProtocols, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var query = new QueryCollection(QueryHelpers.ParseQuery(head.Query));

        // As the JwtBearer handler does for /ws: the query's token first, then the Authorization header.
        var token = query["token"].ToString() is { Length: > 0 } fromQuery ? fromQuery : BearerToken(head.Authorization);
        return session.HandleUpgradedAsync(stream, upgrade.Slot, upgrade.ClientId, token, query);
    }

    private static string? BearerToken(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;

    private enum Verdict
    {
        NeedMore,
        Http,
        Upgrade,
    }

    /// <summary>A request head taken for an upgrade: its length in bytes, what it said, the route's client id, and its connection slot.</summary>
    private sealed record Upgrade(long HeadLength, UpgradeRequestHead Head, string? ClientId, IDisposable Slot);
}
