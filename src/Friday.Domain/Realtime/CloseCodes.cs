namespace Friday.Domain.Realtime;

/// <summary>WebSocket close codes Friday uses (RFC 6455 and its 4000–4999 private range).</summary>
public static class CloseCodes
{
    public const int GoingAway = 1001;

    /// <summary>
    /// Never sent: RFC 6455's name for a connection that ended without a close frame (dropped, aborted),
    /// under which Friday records such an end.
    /// </summary>
    public const int AbnormalClosure = 1006;

    public const int PolicyViolation = 1008;
    public const int MessageTooBig = 1009;
    public const int TryAgainLater = 1013;
    public const int Unauthorized = 4001;
    public const int Forbidden = 4003;
    public const int Replaced = 4008;
}
