namespace Friday.Domain.Notifications;

/// <summary>
/// A notification request already handled, by the key its sender gave it (an AMQP message id):
/// stored in the transaction that created its notifications, so that a redelivered request is
/// recognised and notifies nobody twice.
/// </summary>
public sealed class HandledRequest
{
    /// <summary>AMQP's message_id is a short string (≤ 255 bytes), plus the "amqp:" source prefix.</summary>
    public const int KeyMaxLength = 300;

    private HandledRequest()
    {
        Key = string.Empty;
    }

    public HandledRequest(string key, DateTimeOffset handledAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, KeyMaxLength);
        Key = key;
        HandledAt = handledAt;
    }

    public string Key { get; private set; }

    public DateTimeOffset HandledAt { get; private set; }
}
