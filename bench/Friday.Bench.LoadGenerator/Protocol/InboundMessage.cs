namespace Friday.Bench.LoadGenerator.Protocol;

/// <summary>Only the fields a scenario reads; everything else in a message is skipped unparsed.</summary>
internal struct InboundMessage
{
    public MessageKind Kind;

    /// <summary><c>data.sent</c> of a benchmark broadcast, or 0.</summary>
    public long Sent;

    public long Seq;

    /// <summary>The entity id of a <c>data_changed</c>; only materialised for that kind.</summary>
    public string? Id;

    /// <summary>The <c>replayed</c> count of a <c>resumed</c>.</summary>
    public long Replayed;
}
