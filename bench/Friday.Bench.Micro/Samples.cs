using Friday.Application.Notes;
using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime.Serialization;

namespace Friday.Bench.Micro;

/// <summary>The messages the hot path carries, shaped as Friday sends them.</summary>
internal static class Samples
{
    private static readonly DateTimeOffset s_at = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
    private static readonly Guid s_id = Guid.Parse("3f2b8c1e-5d4a-4e2b-9c1d-7a6b5c4d3e2f");

    public const string Topic = "bench";

    public static DataChangedMessage NoteCreated(long seq) => new(
        seq, "notes", "note", "created", s_id, new NoteDto(s_id, "alice", "Groceries", "Milk, eggs and bread", s_at, s_at, 1), s_at);

    public static NotificationMessage Broadcast(long seq) => new(
        seq, Topic, "Deploy finished", "alert", new Dictionary<string, object> { ["build"] = 4711, ["ok"] = true }, s_at);

    /// <summary>A public broadcast as the event log stores it (everything but seq) and as it is read back for delivery.</summary>
    public static StreamEnvelope BroadcastEnvelope(long seq) =>
        new(seq, Audience.PublicTopic(Topic), null, MessageSerializer.WithSeq(seq, MessageSerializer.SerializeWithoutSeq(Broadcast(0))));
}
