using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Friday.Tests.Support;

/// <summary>
/// Friday as a separate operating-system process on a loopback port, for what an in-process host
/// cannot show: being killed with SIGKILL and started again on the same database.
/// </summary>
public sealed class FridayProcess : IAsyncDisposable
{
    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private FridayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>The process's last lines of console output (both streams), for a failing test to show.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    public static async Task<FridayProcess> StartAsync(string databasePath, IDictionary<string, string>? settings = null, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? LoopbackPort.Free()}");
        var info = new ProcessStartInfo("dotnet", [ServerDll()])
        {
            WorkingDirectory = Path.GetDirectoryName(ServerDll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = address.ToString();
        info.Environment["Database__ConnectionString"] = $"Data Source={databasePath};Pooling=False";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info)!;
        var server = new FridayProcess(process, address);
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilLiveAsync();
        return server;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye to clients.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("/health/live");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Friday did not become live at {BaseAddress} (exited: {_process.HasExited}).");
    }

    /// <summary>The server built beside the tests, in the same configuration.</summary>
    private static string ServerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepositoryPaths.Root, "src", "Friday.WebApi", "bin", configuration, "net10.0", "Friday.WebApi.dll");
    }
}
