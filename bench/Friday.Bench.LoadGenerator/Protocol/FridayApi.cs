using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Friday.Bench.LoadGenerator.Protocol;

/// <summary>The few REST calls of Friday's that the scenarios drive.</summary>
internal static class FridayApi
{
    public static async Task<ClientIdentity> TokenAsync(HttpClient http, Uri server, string userId, bool admin, CancellationToken cancellationToken)
    {
        var request = new TokenRequest(userId, admin ? ["admin"] : []);
        using var response = await http.PostAsJsonAsync(new Uri(server, "/api/dev/token"), request, BenchJsonContext.Default.TokenRequest, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync(BenchJsonContext.Default.TokenResponse, cancellationToken)
            ?? throw new InvalidOperationException("Empty token response.");
        return new ClientIdentity(userId, body.Token);
    }

    /// <summary>Creates a note and returns its id, or null when the server did not answer 201.</summary>
    public static async Task<string?> CreateNoteAsync(HttpClient http, Uri server, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/api/notes"))
        {
            Content = JsonContent.Create(new NoteRequest("bench", "bench note"), BenchJsonContext.Default.NoteRequest),
            Headers = { Authorization = new("Bearer", token) },
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }

        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("id").ToString();
    }
}
