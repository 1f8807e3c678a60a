using System.Net.Http.Headers;
using System.Net.WebSockets;
using Friday.Tests.Support;
using Npgsql;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// Several Friday processes on their own loopback ports, sharing one fresh PostgreSQL database and the
/// test RabbitMQ broker, as a scaled-out deployment runs behind a load balancer.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    /// <summary>The scale-out tests share the broker, and one of them stops it: they run one at a time.</summary>
    public const string Collection = "Scale-out";

    private readonly string _database;
    private readonly List<FridayProcess> _nodes = [];

    private ScaleOutCluster(string database) => _database = database;

    public IReadOnlyList<FridayProcess> Nodes => _nodes;

    public static async Task<ScaleOutCluster> StartAsync(int nodes)
    {
        var cluster = new ScaleOutCluster(TestPostgres.CreateDatabase());
        try
        {
            // The first node migrates the empty database; the others start on the finished schema.
            await cluster.AddNodeAsync();
            await Task.WhenAll(Enumerable.Range(1, nodes - 1).Select(_ => cluster.AddNodeAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<FridayProcess> AddNodeAsync()
    {
        var id = $"node-{Guid.NewGuid():N}"[..13];
        var node = await FridayProcess.StartAsync(string.Empty, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _database,
            ["Backplane:Provider"] = "RabbitMq",
            ["Backplane:ConnectionString"] = TestRabbitMq.ConnectionString!,
            ["Backplane:ReconnectMilliseconds"] = "300",
            ["Node:Id"] = id,
        });
        lock (_nodes)
        {
            _nodes.Add(node);
        }

        await WaitUntilReadyAsync(node);
        return node;
    }

    /// <summary>Waits for <c>/health/ready</c> to say Healthy: the node holds its queue on the broker.</summary>
    public static async Task WaitUntilReadyAsync(FridayProcess node, TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = node.BaseAddress };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await ReadinessAsync(node) == "Healthy")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{node.BaseAddress} did not become ready.");
    }

    public static async Task<string> ReadinessAsync(FridayProcess node)
    {
        using var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var response = await client.GetAsync("/health/ready");
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<HttpClient> ClientAsync(FridayProcess node, string userId, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(node, userId, roles));
        return client;
    }

    /// <summary>
    /// Connects with the query and reads the greeting up to <c>unread_count</c>; with <c>last_seq</c> only
    /// up to <c>connection</c>, so that the replayed events are left for the reader.
    /// </summary>
    public static async Task<TestSocket> ConnectAsync(FridayProcess node, string userId, string query)
    {
        var socket = await OpenAsync(node, userId, query);
        await socket.ReceiveTypeAsync("connection");
        if (!query.Contains("last_seq=", StringComparison.Ordinal))
        {
            await socket.ReceiveTypeAsync("unread_count");
        }

        return socket;
    }

    /// <summary>Connects with the query and reads nothing.</summary>
    public static async Task<TestSocket> OpenAsync(FridayProcess node, string userId, string query)
    {
        var raw = new ClientWebSocket();
        raw.Options.KeepAliveInterval = TimeSpan.Zero;
        var token = await TokenAsync(node, userId, []);
        await raw.ConnectAsync(new UriBuilder(node.BaseAddress) { Scheme = "ws", Path = "/ws", Query = $"token={token}&{query}" }.Uri, CancellationToken.None);
        return new TestSocket(raw);
    }

    /// <summary>Waits until the notification is recorded as delivered in the shared database; false on timeout.</summary>
    public async Task<bool> WaitUntilDeliveredAsync(string notificationId, TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand("""SELECT "DeliveredAt" IS NOT NULL FROM notifications WHERE "Id" = @id""", connection);
            command.Parameters.AddWithValue("id", Guid.Parse(notificationId));
            if (await command.ExecuteScalarAsync() is true)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        TestPostgres.DropDatabase(_database);
    }

    private static async Task<string> TokenAsync(FridayProcess node, string userId, string[] roles)
    {
        using var client = new HttpClient { BaseAddress = node.BaseAddress };
        using var response = await client.PostJsonAsync("/api/dev/token", new { user_id = userId, roles });
        return (await response.ReadJsonAsync()).GetProperty("token").GetString()!;
    }
}
