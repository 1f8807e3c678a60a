namespace Friday.Domain.Realtime;

/// <summary>A connection asked for more subscriptions than the limit allows.</summary>
public sealed class SubscriptionLimitException(int limit)
    : RealtimeException(ErrorCodes.Forbidden, $"A connection may hold at most {limit} subscriptions.")
{
    public int Limit { get; } = limit;
}
