using System.Threading.Channels;
using Friday.Infrastructure.Realtime;

namespace Friday.Infrastructure.Tests.Realtime;

public sealed class WriteCoalescingTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);

    [Theory]
    [InlineData(0, 50)]
    [InlineData(20, 30)]
    [InlineData(49, 1)]
    [InlineData(50, 0)]
    [InlineData(5_000, 0)]
    public void HoldBefore_WhenBusy_ShouldWaitOutTheRestOfTheWindow(long sinceLastWrite, int expectedMilliseconds)
    {
        var coalescing = new WriteCoalescing(Window, () => true);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), coalescing.HoldBefore(1_000, 1_000 + sinceLastWrite, lastWriteCount: 1, Queue(1)));
    }

    [Fact]
    public void HoldBefore_WhenNotBusy_ShouldNeverWait()
    {
        var coalescing = new WriteCoalescing(Window, () => false);

        Assert.Equal(TimeSpan.Zero, coalescing.HoldBefore(1_000, 1_001, lastWriteCount: 1, Queue(1)));
    }

    [Fact]
    public void HoldBefore_WhenTheNextWriteIsOutsideTheWindow_ShouldNotAskWhetherBusy()
    {
        var asked = false;
        var coalescing = new WriteCoalescing(Window, () => asked = true);

        coalescing.HoldBefore(1_000, 2_000, lastWriteCount: 1, Queue(1));

        Assert.False(asked);
    }

    [Theory]
    [InlineData(WriteCoalescing.EnoughForOneWrite - 1, 50)]
    [InlineData(WriteCoalescing.EnoughForOneWrite, 0)]
    [InlineData(1_000, 0)]
    public void HoldBefore_WhenTheQueueHoldsAWritesWorth_ShouldNotWait(int queued, int expectedMilliseconds)
    {
        var coalescing = new WriteCoalescing(Window, () => true);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), coalescing.HoldBefore(1_000, 1_000, lastWriteCount: 1, Queue(queued)));
    }

    [Theory]
    [InlineData(WriteCoalescing.EnoughForOneWrite - 1, 50)]
    [InlineData(WriteCoalescing.EnoughForOneWrite, 0)]
    public void HoldBefore_WhenTheLastWriteCarriedAWritesWorth_ShouldNotWait(int lastWriteCount, int expectedMilliseconds)
    {
        var coalescing = new WriteCoalescing(Window, () => true);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), coalescing.HoldBefore(1_000, 1_000, lastWriteCount, Queue(1)));
    }

    [Fact]
    public void Off_ShouldNeverWait() => Assert.Equal(TimeSpan.Zero, WriteCoalescing.Off.HoldBefore(1_000, 1_000, lastWriteCount: 1, Queue(1)));

    private static ChannelReader<int> Queue(int count)
    {
        var channel = Channel.CreateUnbounded<int>();
        for (var i = 0; i < count; i++)
        {
            channel.Writer.TryWrite(i);
        }

        return channel.Reader;
    }
}
