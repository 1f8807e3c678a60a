using System.Net.Http.Headers;
using Friday.Infrastructure.Identity;
using Friday.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Friday.Tests.Support;

/// <summary>
/// The real host on real Kestrel, bound to a free loopback port, with a database of its own: a SQLite
/// file, or a fresh database on the server named by FRIDAY_TEST_POSTGRES (<see cref="DatabaseProvider.Postgres"/>)
/// or FRIDAY_TEST_SQLSERVER (<see cref="DatabaseProvider.SqlServer"/>), dropped on disposal. Settings override configuration (e.g. short heartbeat intervals).
/// </summary>
public class FridayServer : WebApplicationFactory<Program>
{
    private Uri? _baseAddress;
    private string? _database;
    private bool _databaseDeleted;

    public FridayServer()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>The host environment; Development unless a test needs what production does.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>Configuration overrides; set them before the first use of the server.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>
    /// The SQLite file or the server's connection string; made up at start unless set, so that a test
    /// that restarts the server can point the second one at the first's.
    /// </summary>
    public string? Database
    {
        get => _database;
        init => _database = value;
    }

    /// <summary>Keep the database after disposal (for a restart test).</summary>
    public bool KeepDatabase { get; init; }

    public CapturedLogs Logs { get; } = new();

    public Uri BaseAddress => _baseAddress ??= Start();

    public Uri WebSocketUri(string path = "/ws", string? query = null)
    {
        var builder = new UriBuilder(BaseAddress) { Scheme = "ws", Path = path, Query = query ?? string.Empty };
        return builder.Uri;
    }

    public string TokenFor(string userId, params string[] roles) =>
        Services.GetRequiredService<ITokenIssuer>().Issue(userId, roles);

    public HttpClient ClientFor(string userId, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userId, roles));
        return client;
    }

    public HttpClient AnonymousClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Connects as the user (null: no token) and returns once the socket is open.</summary>
    public async Task<TestSocket> ConnectAsync(string? userId, string path = "/ws", string? extraQuery = null)
    {
        var query = userId is null ? extraQuery : $"token={TokenFor(userId)}{(extraQuery is null ? string.Empty : "&" + extraQuery)}";
        return await TestSocket.ConnectAsync(WebSocketUri(path, query));
    }

    /// <summary>Connects and reads the greeting: <c>connection</c>, pending notifications, <c>unread_count</c>.</summary>
    public async Task<TestSocket> ConnectReadyAsync(string userId, string path = "/ws", string? extraQuery = null)
    {
        var socket = await ConnectAsync(userId, path, extraQuery);
        await socket.ReceiveTypeAsync("connection");
        await socket.ReceiveTypeAsync("unread_count");
        return socket;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(Environment);
        Settings["Database:Provider"] = Provider.ToString();
        Settings["Database:ConnectionString"] = Provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={_database ??= Path.Combine(Path.GetTempPath(), $"friday-test-{Guid.NewGuid():N}.db")};Pooling=False",
            DatabaseProvider.Postgres => _database ??= TestPostgres.CreateDatabase(),
            DatabaseProvider.SqlServer => _database ??= TestSqlServer.CreateDatabase(),
            _ => throw new NotSupportedException($"No test database for {Provider}."),
        };
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(Settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDatabase();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDatabase();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Hosts of one test process start one at a time. EF Core caches the model per process and context
    /// type, and two hosts touching it for the first time at once can see it half-initialised ("The
    /// model must be finalized ... before 'GetRelationalModel' can be used", dotnet/efcore#25205
    /// family): it failed a WebApi test under load. A production process has one host, whose migrator
    /// builds the model before anything else runs.
    /// </summary>
    private static readonly Lock StartGate = new();

    private Uri Start()
    {
        lock (StartGate)
        {
            StartServer();
        }

        using var client = CreateClient();
        return client.BaseAddress!;
    }

    private void DeleteDatabase()
    {
        // Disposing asynchronously disposes synchronously as well.
        if (KeepDatabase || _database is null || _databaseDeleted)
        {
            return;
        }

        _databaseDeleted = true;
        if (Provider == DatabaseProvider.Postgres)
        {
            TestPostgres.DropDatabase(_database);
            return;
        }

        if (Provider == DatabaseProvider.SqlServer)
        {
            TestSqlServer.DropDatabase(_database);
            return;
        }

        foreach (var suffix in new[] { string.Empty, "-shm", "-wal" })
        {
            File.Delete(_database + suffix);
        }
    }
}
