using System.Diagnostics;

namespace Friday.Tests.Support;

/// <summary>
/// The RabbitMQ broker named by <c>FRIDAY_TEST_RABBITMQ</c> (scripts/rabbitmq-start.sh), and a way to
/// take its AMQP side down and up again for the outage tests.
/// </summary>
public static class TestRabbitMq
{
    public const string SkipReason = "FRIDAY_TEST_POSTGRES or FRIDAY_TEST_RABBITMQ is not set (scripts/test.sh starts PostgreSQL and RabbitMQ and sets them)";

    public static string? ConnectionString { get; } =
        Environment.GetEnvironmentVariable("FRIDAY_TEST_RABBITMQ") is { Length: > 0 } value ? value : null;

    /// <summary>Stops the broker application, closing every client connection; the node itself stays up.</summary>
    public static Task StopAppAsync() => ControlAsync("stop_app");

    public static Task StartAppAsync() => ControlAsync("start_app");

    /// <summary>rabbitmqctl through the scripts' own environment, so it reaches the private node friday@localhost.</summary>
    private static async Task ControlAsync(string command)
    {
        var port = new Uri(ConnectionString ?? throw new InvalidOperationException(SkipReason)).Port;
        var scripts = Path.Combine(RepositoryPaths.Root, "scripts");
        var info = new ProcessStartInfo("bash", ["-c", $". lib/common.sh && . lib/rabbitmq.sh && rmqctl -q {command}"])
        {
            WorkingDirectory = scripts,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["FRIDAY_RABBIT_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {command} failed ({process.ExitCode}): {await error}");
        }
    }
}
