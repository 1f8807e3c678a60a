using System.Net.WebSockets;
using Friday.Infrastructure.Identity;
using Friday.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Friday.EndToEnd.Tests.Example;

/// <summary>
/// The real host on real Kestrel with an extension's registrations added. FridayServer is sealed,
/// and a host derived from it with WithWebHostBuilder runs on TestServer, not Kestrel.
/// </summary>
public sealed class ExtendedFridayServer : WebApplicationFactory<Program>
{
    private readonly Action<IServiceCollection> _extend;
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"friday-test-{Guid.NewGuid():N}.db");
    private Uri? _baseAddress;

    public ExtendedFridayServer(Action<IServiceCollection> extend)
    {
        _extend = extend;
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public Uri BaseAddress => _baseAddress ??= Start();

    public async Task<TestSocket> ConnectReadyAsync(string userId)
    {
        var baseAddress = BaseAddress;
        var token = Services.GetRequiredService<ITokenIssuer>().Issue(userId, []);
        var client = new ClientWebSocket();
        client.Options.KeepAliveInterval = TimeSpan.Zero;
        await client.ConnectAsync(new UriBuilder(baseAddress) { Scheme = "ws", Path = "/ws", Query = $"token={token}" }.Uri, CancellationToken.None);
        var socket = new TestSocket(client);
        await socket.ReceiveTypeAsync("connection");
        return socket;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={_databasePath};Pooling=False",
        }));
        builder.ConfigureServices(_extend);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var suffix in new[] { string.Empty, "-shm", "-wal" })
        {
            File.Delete(_databasePath + suffix);
        }

        GC.SuppressFinalize(this);
    }

    private Uri Start()
    {
        StartServer();
        using var client = CreateClient();
        return client.BaseAddress!;
    }
}
