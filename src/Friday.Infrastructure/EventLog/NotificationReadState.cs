using System.Text.Json;
using System.Text.Json.Nodes;
using Friday.Infrastructure.Persistence;
using Friday.Infrastructure.Realtime.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Friday.Infrastructure.EventLog;

/// <summary>
/// Brings the logged <c>notification</c> events of users up to their notifications' read state. The
/// log holds each as published, unread; replayed so to a client that was away while the user read
/// it elsewhere, it would count as unread again, and <c>notification_update</c>, not being a stream
/// event, never comes to correct it.
/// </summary>
internal static class NotificationReadState
{
    /// <summary>
    /// Sets <c>data.read_at</c> in the payload of each event whose notification has been read, from one
    /// query for all of them. One deleted meanwhile by retention stays as published.
    /// </summary>
    public static async Task ApplyAsync(FridayDbContext db, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.Where(e => e.UserId is not null).Select(e => e.NotificationId).OfType<Guid>().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var readAt = await db.Notifications.AsNoTracking()
            .Where(n => ids.Contains(n.Id) && n.ReadAt != null)
            .Select(n => new { n.Id, n.ReadAt })
            .ToDictionaryAsync(n => n.Id, n => n.ReadAt!.Value, cancellationToken);
        foreach (var streamEvent in events)
        {
            if (streamEvent is { UserId: not null, NotificationId: { } id } && readAt.TryGetValue(id, out var at))
            {
                streamEvent.Payload = WithReadAt(streamEvent.Payload, at);
            }
        }
    }

    private static string WithReadAt(string payload, DateTimeOffset readAt)
    {
        var message = JsonNode.Parse(payload)!;
        message["data"]!["read_at"] = JsonSerializer.SerializeToNode(readAt, MessageSerializer.Options);
        return message.ToJsonString(MessageSerializer.Options);
    }
}
