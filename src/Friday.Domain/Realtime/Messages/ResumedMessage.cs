namespace Friday.Domain.Realtime.Messages;

/// <param name="Complete">False when the gap reached past the kept history: the client must refetch over REST.</param>
public sealed record ResumedMessage(long FromSeq, long ToSeq, int Replayed, bool Complete) : WebSocketMessage
{
    public override WebSocketMessageType Type => WebSocketMessageType.Resumed;
}
