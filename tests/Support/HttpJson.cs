using System.Net.Http.Json;
using System.Text.Json;

namespace Friday.Tests.Support;

/// <summary>JSON over HTTP the way Friday speaks it: snake_case.</summary>
public static class HttpJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Options);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates a note and returns its JSON, failing loudly on anything but 201.</summary>
    public static async Task<JsonElement> CreateNoteAsync(this HttpClient client, string title = "A note", string content = "Text")
    {
        using var response = await client.PostJsonAsync("/api/notes", new { title, content });
        var body = await response.ReadJsonAsync();
        return response.StatusCode == System.Net.HttpStatusCode.Created ? body : throw new InvalidOperationException($"Creating a note failed: {(int)response.StatusCode} {body}");
    }

    /// <summary>Posts a notification request for one or more users; returns the (first) notification's id, failing loudly on anything but 201.</summary>
    public static async Task<string> NotifyAsync(this HttpClient service, object request)
    {
        using var response = await service.PostJsonAsync("/api/notifications", request);
        var body = await response.ReadJsonAsync();
        return response.StatusCode == System.Net.HttpStatusCode.Created
            ? body.GetProperty("notification_id").GetString()!
            : throw new InvalidOperationException($"Creating a notification failed: {(int)response.StatusCode} {body}");
    }
}
