using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Friday.Infrastructure.Realtime;
using Friday.Tests.Support;

namespace Friday.EndToEnd.Tests;

public sealed class MetricsTests(FridayServer server) : IClassFixture<FridayServer>
{
    [Fact]
    public async Task RealtimeMeter_ShouldCountConnectionsAndMessages()
    {
        var measurements = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RealtimeMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measurements.AddOrUpdate(instrument.Name, 1, (_, v) => v + 1));
        listener.Start();

        await using (var socket = await server.ConnectReadyAsync("metrics-user"))
        {
            await socket.SendAsync(new { type = "ping" });
            await socket.ReceiveTypeAsync("pong");
        }

        await Task.Delay(300);
        Assert.True(measurements.GetValueOrDefault("friday.realtime.messages.sent") >= 2);
        Assert.True(measurements.GetValueOrDefault("friday.realtime.messages.received") >= 1);
        Assert.True(measurements.GetValueOrDefault("friday.realtime.delivery.latency") >= 2);
        Assert.True(measurements.GetValueOrDefault("friday.realtime.connections.closed") >= 1);
    }
}
