namespace Friday.Domain.Realtime;

/// <summary>The <c>code</c> values of an <c>error</c> message.</summary>
public static class ErrorCodes
{
    public const string Unauthorized = "unauthorized";
    public const string InvalidJson = "invalid_json";
    public const string UnknownMessageType = "unknown_message_type";
    public const string InvalidMessage = "invalid_message";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string RateLimited = "rate_limited";
    public const string InternalError = "internal_error";
    public const string TokenExpiring = "token_expiring";
}
