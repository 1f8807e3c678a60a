using Microsoft.Extensions.Logging;

namespace Friday.Infrastructure.Realtime;

/// <summary>Source-generated log methods of the connection path. Tokens are never among the values.</summary>
internal static partial class RealtimeLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "WebSocket {ClientId} opened for user {UserId}")]
    public static partial void ConnectionOpened(ILogger logger, string clientId, string? userId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "WebSocket {ClientId} of user {UserId} closed with {CloseCode} after {Duration}")]
    public static partial void ConnectionClosed(ILogger logger, string clientId, string? userId, int closeCode, TimeSpan duration);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "WebSocket refused with {CloseCode}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, int closeCode, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Handling a {MessageType} message of WebSocket {ClientId} failed")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string messageType, string clientId);

    /// <summary>An outage repeats this for every message, so it is a warning without a stack trace.</summary>
    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Handling a {MessageType} message of WebSocket {ClientId} failed: the database is unavailable ({Error})")]
    public static partial void DatabaseUnavailable(ILogger logger, string messageType, string clientId, string error);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Closing {Count} WebSocket connections: the server is shutting down")]
    public static partial void ShuttingDown(ILogger logger, int count);
}
