using System.Text.Json;

namespace Friday.Application.Realtime;

/// <summary>A public broadcast: the public topic it goes to and what it carries.</summary>
public interface IPublicBroadcast
{
    string Topic { get; }

    /// <summary>The <c>notification_type</c> receivers see.</summary>
    string Type { get; }

    string Message { get; }

    JsonElement? Data { get; }
}
