using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Friday.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Friday.EndToEnd.Tests;

/// <summary>
/// Friday as a process of its own for the hostile-input suite, so that the memory measured is the
/// server's alone and not that of tests running beside it; and what every attack is held to:
/// <list type="bullet">
/// <item>a bystander that connects and subscribes while the attack runs receives every event
/// published meanwhile, each once, in seq order;</item>
/// <item>afterwards no connection is left open, the resident memory settles back within a bound of
/// its warmed-up baseline, and the database holds exactly what the honest traffic wrote.</item>
/// </list>
/// </summary>
public sealed class HostileInputServer : IAsyncLifetime
{
    private const string BroadcastTopic = "hostile.broadcast";

    /// <summary>
    /// How far above the warmed-up baseline the resident set may settle: room for what the runtime
    /// keeps committed between collections, far below what a leak per connection, message or frame
    /// across an attack would hold.
    /// </summary>
    private const long MemoryBoundBytes = 32 * 1024 * 1024;

    private const int EventsPerAttack = 10;
    private const string Bystander = "hostile-bystander";

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"friday-hostile-{Guid.NewGuid():N}.db");
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new();
    private FridayProcess? _process;
    private long _baselineBytes;
    private int _notes;
    private int _streamEvents;

    private FridayProcess Process => _process ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        // The connect-cycle attack alone opens 2,000 sockets from one address.
        _process = await FridayProcess.StartAsync(_database, new Dictionary<string, string> { ["Security:ConnectionsPerIpPerMinute"] = "1000000" });
        _http.BaseAddress = Process.BaseAddress;

        // Honest and hostile traffic of every kind, as many connections at once as the attacks open, so
        // the baseline already holds the code, pools and caches they need.
        string[] hostile = ["{not json", "[]", "{\"type\":\"teleport\"}", "{\"type\":\"subscribe\",\"topics\":[\"a\",\"b\"]}", new string('x', 1024 * 1024)];
        await UnderAttackAsync(attack => Task.WhenAll(Enumerable.Range(0, 8).Select(async lane =>
        {
            for (var i = 0; i < 100; i++)
            {
                await using var socket = await ConnectReadyAsync(attack.User($"hostile-warmup-{lane}"));
                await socket.SendAsync(hostile[i % hostile.Length]);
                attack.Hit();
            }
        })));
        _baselineBytes = await SettledResidentBytesAsync(bound: null);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        foreach (var suffix in new[] { string.Empty, "-shm", "-wal" })
        {
            File.Delete(_database + suffix);
        }
    }

    public Task<string> TokenAsync(string userId, params string[] roles) =>
        _tokens.GetOrAdd($"{userId}|{string.Join(',', roles)}", async _ =>
        {
            using var response = await _http.PostJsonAsync("/api/dev/token", new { user_id = userId, roles });
            return (await response.ReadJsonAsync()).GetProperty("token").GetString()!;
        });

    public async Task<HttpClient> ClientForAsync(string userId, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = Process.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userId, roles));
        return client;
    }

    public async Task<TestSocket> ConnectAsync(string userId) =>
        await TestSocket.ConnectAsync(new UriBuilder(Process.BaseAddress) { Scheme = "ws", Path = "/ws", Query = $"token={await TokenAsync(userId)}" }.Uri);

    /// <summary>Connects and reads the greeting: <c>connection</c>, then <c>unread_count</c>.</summary>
    public async Task<TestSocket> ConnectReadyAsync(string userId)
    {
        var socket = await ConnectAsync(userId);
        await socket.ReceiveTypeAsync("connection");
        await socket.ReceiveTypeAsync("unread_count");
        return socket;
    }

    /// <summary>
    /// Runs the attack's rounds until the bystander, connected and subscribed once the attack is under
    /// way, has received every event published while it went on; then checks what the attack left behind.
    /// </summary>
    public async Task UnderAttackAsync(Func<Attack, Task> round)
    {
        var attack = new Attack();
        var attacking = Task.Run(() => attack.RunAsync(round));
        try
        {
            await Task.WhenAny(attack.UnderWay, attacking).Unwrap();
            await using var bystander = await ConnectReadyAsync(Bystander);
            await bystander.SendAsync(new { type = "subscribe", topics = new[] { "notes", BroadcastTopic } });
            await bystander.ReceiveTypeAsync("subscription");
            await bystander.ReceiveTypeAsync("subscription");

            var hitsBefore = attack.Hits;
            var published = await PublishAsync();
            await AssertReceivesEveryOnceAsync(bystander, published);

            // The rounds run in one unbroken loop that hit before the publishing began: a hit after
            // the delivery shows it still ran, so it ran throughout. A round may be between hits
            // (reading its replies) at the moment delivery completes, so the next hit is waited for.
            await Task.WhenAny(attack.HitAfterAsync(hitsBefore), attacking).WaitAsync(TimeSpan.FromSeconds(30));
            if (attacking.IsFaulted)
            {
                await attacking;
            }

            Assert.True(attack.Hits > hitsBefore, "The attack was not under way while the events were published and delivered.");
        }
        finally
        {
            attack.Stop();
            await attacking;
        }

        await AssertUnharmedAsync();
    }

    private async Task<HashSet<string>> PublishAsync()
    {
        using var bystander = await ClientForAsync(Bystander);
        using var service = await ClientForAsync("hostile-publisher", "service");
        var published = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < EventsPerAttack; i++)
        {
            if (i % 2 == 0)
            {
                published.Add("note:" + (await bystander.CreateNoteAsync($"During the attack {i}")).GetProperty("id").GetString());
                _notes++;
            }
            else
            {
                var text = $"Broadcast {Guid.NewGuid():N}";
                using var response = await service.PostJsonAsync($"/api/notifications?topic={BroadcastTopic}", new { type = "alert", message = text });
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                published.Add("broadcast:" + text);
            }

            _streamEvents++;
        }

        return published;
    }

    private static async Task AssertReceivesEveryOnceAsync(TestSocket bystander, HashSet<string> published)
    {
        var received = new HashSet<string>(StringComparer.Ordinal);
        var lastSeq = 0L;
        while (received.Count < published.Count)
        {
            var message = await bystander.ReceiveNonHeartbeatAsync()
                ?? throw new InvalidOperationException($"The bystander was closed ({bystander.CloseStatus}) after {received.Count} of {published.Count} events.");
            var key = message.GetProperty("type").GetString() switch
            {
                "data_changed" => "note:" + message.GetProperty("id").GetString(),
                "notification" => "broadcast:" + message.GetProperty("message").GetString(),
                var other => throw new InvalidOperationException($"The bystander got an unexpected '{other}': {message}"),
            };
            var seq = message.GetProperty("seq").GetInt64();

            Assert.Contains(key, published);
            Assert.True(received.Add(key), $"{key} arrived twice.");
            Assert.True(seq > lastSeq, $"seq {seq} came after {lastSeq}.");
            lastSeq = seq;
        }
    }

    private async Task AssertUnharmedAsync()
    {
        using var live = await _http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await AssertNoConnectionLeftAsync();
        AssertStoredOnlyTheHonestWrites();
        if (_baselineBytes > 0)
        {
            await SettledResidentBytesAsync(MemoryBoundBytes);
        }
    }

    private async Task AssertNoConnectionLeftAsync()
    {
        using var admin = await ClientForAsync("hostile-admin", "admin");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        int open;
        while ((open = (await (await admin.GetAsync("/api/ws/stats")).ReadJsonAsync()).GetProperty("connections").GetInt32()) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{open} connections are still open after the attack.");
            await Task.Delay(50);
        }
    }

    /// <summary>Every row the honest traffic wrote, and nothing else: attacks write nothing.</summary>
    private void AssertStoredOnlyTheHonestWrites()
    {
        Assert.Equal(_notes, Count("SELECT COUNT(*) FROM notes"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM tasks"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM activities"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM notifications"));
        Assert.Equal(_streamEvents, Count("SELECT COUNT(*) FROM stream_events"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM stream_events WHERE Seq IS NULL"));
        Assert.Equal(Count("SELECT MAX(Seq) FROM stream_events"), Count("SELECT LastSeq FROM stream_state"));
    }

    /// <summary>
    /// Collects garbage in the server and reads its resident set until it is within the bound of the
    /// baseline (with no bound: until it stops shrinking), for at most 30 s; returns the last reading.
    /// </summary>
    private async Task<long> SettledResidentBytesAsync(long? bound)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var previous = long.MaxValue;
        while (true)
        {
            await ProcessMemory.CollectGarbageAsync(Process.ProcessId);
            var resident = ProcessMemory.ResidentBytes(Process.ProcessId);
            var settled = bound is { } limit ? resident - _baselineBytes <= limit : resident >= previous;
            if (settled)
            {
                return resident;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The server's memory stayed {(resident - _baselineBytes) / 1024 / 1024} MB above its baseline of {_baselineBytes / 1024 / 1024} MB.");
            previous = resident;
            await Task.Delay(500);
        }
    }

    private long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : 0;
    }
}
