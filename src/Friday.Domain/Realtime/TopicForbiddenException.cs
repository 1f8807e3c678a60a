namespace Friday.Domain.Realtime;

/// <summary>The connection may not subscribe to the topic.</summary>
public sealed class TopicForbiddenException(string topic, string reason)
    : RealtimeException(ErrorCodes.Forbidden, $"You may not subscribe to '{topic}': {reason}");
