namespace Friday.Infrastructure.Realtime;

/// <summary>
/// One queued message: the bytes are shared by every receiver of a broadcast; the struct keeps the
/// queue free of per-receiver allocations.
/// </summary>
internal readonly record struct OutboundFrame(byte[] Payload, long EnqueuedAt);
