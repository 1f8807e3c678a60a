using Friday.Infrastructure.Realtime.Security;
using Microsoft.Extensions.Options;

namespace Friday.Infrastructure.Tests.Realtime;

public sealed class ConnectionSlotsTests
{
    [Fact]
    public void TryTake_ShouldRefuseAtTheCap_UntilASlotIsReleased()
    {
        using var slots = Slots(maxConnections: 2);
        using var first = slots.TryTake();
        var second = slots.TryTake();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(slots.TryTake());

        second!.Dispose();
        second.Dispose();
        using var third = slots.TryTake();
        Assert.NotNull(third);
        Assert.Null(slots.TryTake());
    }

    [Fact]
    public void TryTake_WithoutACap_ShouldNeverRefuse()
    {
        using var slots = Slots(maxConnections: 0);

        var taken = Enumerable.Range(0, 10_000).Select(_ => slots.TryTake()).ToList();

        Assert.DoesNotContain(null, taken);
        taken.ForEach(slot => slot!.Dispose());
    }

    private static ConnectionSlots Slots(int maxConnections) =>
        new(Options.Create(new RealtimeSecurityOptions { MaxConnections = maxConnections }));
}
