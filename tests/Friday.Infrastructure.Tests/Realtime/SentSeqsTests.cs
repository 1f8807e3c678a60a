using Friday.Infrastructure.Realtime;

namespace Friday.Infrastructure.Tests.Realtime;

public sealed class SentSeqsTests
{
    [Fact]
    public void TryAddLive_ShouldRefuseASeqAtOrBelowTheWatermark_AndAcceptTheNext()
    {
        var sent = new SentSeqs();

        Assert.True(sent.TryAddLive(5));
        Assert.False(sent.TryAddLive(5));
        Assert.False(sent.TryAddLive(3));
        Assert.True(sent.TryAddLive(6));
        Assert.Equal(0, sent.KeptCount);
    }

    [Fact]
    public void TryAddReplayed_ShouldRefuseWhatWasSentLive_AndAcceptWhatCameAfter()
    {
        var sent = new SentSeqs();
        sent.TryAddLive(10);

        Assert.False(sent.TryAddReplayed(9));
        Assert.False(sent.TryAddReplayed(10));
        Assert.True(sent.TryAddReplayed(11));
        Assert.False(sent.TryAddReplayed(11));
    }

    [Fact]
    public void TryAddReplayed_WhenOutOfOrder_ShouldSendEachSeqOnce()
    {
        var sent = new SentSeqs();

        Assert.True(sent.TryAddReplayed(50));
        Assert.True(sent.TryAddReplayed(30));
        Assert.False(sent.TryAddReplayed(50));
        Assert.False(sent.TryAddReplayed(30));
    }

    [Fact]
    public void LiveAfterAReplayThatRanAhead_ShouldSkipOnlyWhatTheReplayCarried_AndLoseNothing()
    {
        var sent = new SentSeqs();
        sent.TryAddLive(100);
        sent.TryAddReplayed(101);
        sent.TryAddReplayed(103);
        sent.ForgetReplayedUpTo(100);

        var delivered = new[] { 101L, 102, 103, 104 }.Where(sent.TryAddLive).ToList();

        Assert.Equal([102L, 104], delivered);
        Assert.Equal(0, sent.KeptCount);
    }

    [Fact]
    public void ForgetReplayedUpTo_ShouldKeepOnlyWhatLiveDeliveryHasNotReached()
    {
        var sent = new SentSeqs();
        foreach (var seq in new[] { 1L, 2, 3, 7, 8 })
        {
            sent.TryAddReplayed(seq);
        }

        sent.ForgetReplayedUpTo(5);

        Assert.Equal(2, sent.KeptCount);
        Assert.False(sent.TryAddLive(7));
        Assert.False(sent.TryAddLive(8));

        sent.ForgetReplayedUpTo(8);
        Assert.Equal(0, sent.KeptCount);
    }

    [Fact]
    public void ForgetReplayedUpTo_WhenLiveDeliveryHasPassedTheReplay_ShouldHoldNoSet()
    {
        var sent = new SentSeqs();
        sent.TryAddReplayed(4);
        sent.TryAddReplayed(9);

        sent.ForgetReplayedUpTo(9);

        Assert.Equal(0, sent.KeptCount);
        Assert.True(sent.TryAddLive(10));
    }
}
