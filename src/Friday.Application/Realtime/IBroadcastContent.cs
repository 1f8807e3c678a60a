using System.Text.Json;

namespace Friday.Application.Realtime;

/// <summary>What a public broadcast carries besides where it goes.</summary>
public interface IBroadcastContent
{
    /// <summary>The <c>notification_type</c> receivers see.</summary>
    string Type { get; }

    string Message { get; }

    JsonElement? Data { get; }
}
