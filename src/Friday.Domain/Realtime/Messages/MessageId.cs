namespace Friday.Domain.Realtime.Messages;

/// <summary>
/// The <c>id</c> a client put on its message, echoed as <c>reply_to</c>. PROTOCOL.md has the reply carry
/// "the same value", so a number stays a number: for one, <see cref="Value"/> is its JSON text exactly
/// as the client wrote it.
/// </summary>
public sealed record MessageId
{
    private MessageId(string value, bool isNumber)
    {
        Value = value;
        IsNumber = isNumber;
    }

    public string Value { get; }

    public bool IsNumber { get; }

    public static MessageId Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new MessageId(value, isNumber: false);
    }

    /// <param name="json">A JSON number as it appeared on the wire, e.g. <c>7</c> or <c>1.50</c>.</param>
    public static MessageId Number(string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(json);
        return new MessageId(json, isNumber: true);
    }

    public override string ToString() => Value;
}
