using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http;
using HttpMethod = Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpMethod;
using HttpVersion = Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpVersion;

namespace Friday.WebApi.Upgrade;

/// <summary>
/// What Kestrel's own request parser reports of a request head, kept only where a WebSocket upgrade
/// needs it. Any header this path does not handle as the HTTP pipeline would marks the head
/// <see cref="NeedsHttp"/>, and the request goes to the pipeline unchanged.
/// </summary>
/// <param name="forwardedForHeader">The lower-case name of the forwarded-address header to keep, if forwarded headers are in use.</param>
internal sealed class UpgradeRequestHead(byte[]? forwardedForHeader) : IHttpRequestLineHandler, IHttpHeadersHandler
{
    public bool IsGet { get; private set; }

    public bool IsHttp11 { get; private set; }

    /// <summary>The path as sent, percent-encoding included.</summary>
    public string Path { get; private set; } = string.Empty;

    /// <summary>The query with its <c>?</c>, or empty.</summary>
    public string Query { get; private set; } = string.Empty;

    public bool HasHost { get; private set; }

    public string? Upgrade { get; private set; }

    public string? Connection { get; private set; }

    public string? Key { get; private set; }

    public string? Version { get; private set; }

    public string? Origin { get; private set; }

    public string? Authorization { get; private set; }

    /// <summary>The forwarded-address header (<c>X-Forwarded-For</c>), when forwarded headers are in use and it came.</summary>
    public string? ForwardedFor { get; private set; }

    /// <summary>A body, a subprotocol request or a repeated header: left to the HTTP pipeline.</summary>
    public bool NeedsHttp { get; private set; }

    public void OnStartLine(HttpVersionAndMethod versionAndMethod, TargetOffsetPathLength targetPath, Span<byte> startLine)
    {
        IsGet = versionAndMethod.Method == HttpMethod.Get;
        IsHttp11 = versionAndMethod.Version == HttpVersion.Http11;

        // The start line runs from the method to the end of the target; the target's path comes first.
        var target = startLine[targetPath.Offset..];
        Path = Encoding.ASCII.GetString(target[..targetPath.Length]);
        Query = Encoding.ASCII.GetString(target[targetPath.Length..]);
    }

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (Is(name, "host"u8))
        {
            NeedsHttp |= HasHost;
            HasHost = true;
        }
        else if (Is(name, "upgrade"u8))
        {
            Upgrade = Once(Upgrade, value);
        }
        else if (Is(name, "connection"u8))
        {
            Connection = Once(Connection, value);
        }
        else if (Is(name, "sec-websocket-key"u8))
        {
            Key = Once(Key, value);
        }
        else if (Is(name, "sec-websocket-version"u8))
        {
            Version = Once(Version, value);
        }
        else if (Is(name, "origin"u8))
        {
            Origin = Once(Origin, value);
        }
        else if (Is(name, "authorization"u8))
        {
            Authorization = Once(Authorization, value);
        }
        else if (forwardedForHeader is not null && Is(name, forwardedForHeader))
        {
            ForwardedFor = Once(ForwardedFor, value);
        }
        else if (Is(name, "content-length"u8) || Is(name, "transfer-encoding"u8) || Is(name, "sec-websocket-protocol"u8))
        {
            NeedsHttp = true;
        }
    }

    public void OnHeadersComplete(bool endStream)
    {
    }

    public void OnStaticIndexedHeader(int index)
    {
    }

    public void OnStaticIndexedHeader(int index, ReadOnlySpan<byte> value)
    {
    }

    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lowerCase) => Ascii.EqualsIgnoreCase(name, lowerCase);

    /// <summary>Header values are Latin-1 on the wire, as Kestrel reads them.</summary>
    private string Once(string? seen, ReadOnlySpan<byte> value)
    {
        NeedsHttp |= seen is not null;
        return Encoding.Latin1.GetString(value);
    }
}
