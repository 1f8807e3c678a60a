using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Friday.Domain.Realtime.Messages;

namespace Friday.Infrastructure.Realtime.Serialization;

/// <summary>
/// PROTOCOL.md shows every field of a message even when it is null (<c>data</c> of a deletion,
/// <c>user_id</c> of an anonymous connection), and an entity in <c>data</c> must look as REST returns
/// it, nulls included; so everything is written. Only the fields that answer or extend some messages
/// are left out when they have nothing to say.
/// </summary>
internal static class OptionalMembers
{
    private static readonly (Type Owner, string Name)[] Members =
    [
        (typeof(WebSocketMessage), Wire(nameof(WebSocketMessage.ReplyTo))),
        (typeof(ErrorMessage), Wire(nameof(ErrorMessage.ExpiresAt))),
        (typeof(SubscriptionMessage), Wire(nameof(SubscriptionMessage.NotificationTypes))),
    ];

    public static void OmitWhenNull(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (Array.Exists(Members, m => m.Name == property.Name && info.Type.IsAssignableTo(m.Owner)))
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
        }
    }

    private static string Wire(string member) => JsonNamingPolicy.SnakeCaseLower.ConvertName(member);
}
