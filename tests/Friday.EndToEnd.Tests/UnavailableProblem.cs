using System.Net;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

/// <summary>What a request that could not reach the database must get back: a 503 problem to retry, nothing more.</summary>
internal static class UnavailableProblem
{
    public static async Task AssertAsync(HttpResponseMessage response, string retryAfterSeconds)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"expected 503, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(retryAfterSeconds, string.Join(",", response.Headers.GetValues("Retry-After")));
        var problem = await response.ReadJsonAsync();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("Database unavailable", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Data Source", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
    }
}
