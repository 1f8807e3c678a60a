using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace Friday.Tests.Support;

/// <summary>
/// A real SMTP server (Debian's python3-aiosmtpd, smtp_sink.py) on a loopback port, and the messages it
/// accepted, parsed with MimeKit. scripts/test.sh installs the package.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<SmtpDelivery> _received = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _errors = new();

    private SmtpSink(int port)
    {
        Port = port;
        var info = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(RepositoryPaths.Root, "tests", "Support", "smtp_sink.py"), port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start.");
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"smtp_sink.py exited: {Errors} (is python3-aiosmtpd installed? scripts/test.sh installs it)"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public IReadOnlyCollection<SmtpDelivery> Received => _received;

    private string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts listening on the port (a free one when not given) and returns once it accepts connections.</summary>
    public static async Task<SmtpSink> StartAsync(int? port = null)
    {
        var sink = new SmtpSink(port ?? LoopbackPort.Free());
        await sink._ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return sink;
    }

    public async Task<SmtpDelivery> WaitForMessageAsync(Func<SmtpDelivery, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = _received.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching message within {timeout}; received {_received.Count}. {Errors}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line == "ready")
        {
            _ready.TrySetResult();
            return;
        }

        var json = JsonDocument.Parse(line).RootElement;
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(json.GetProperty("content").GetString()!));
        _received.Enqueue(new SmtpDelivery(
            json.GetProperty("mail_from").GetString()!,
            [.. json.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!)],
            MimeMessage.Load(content)));
    }
}
