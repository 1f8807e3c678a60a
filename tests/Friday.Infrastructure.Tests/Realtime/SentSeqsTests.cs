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
    }

    [Fact]
    public void Replay_ShouldSendWhatLiesBelowTheLiveWatermark_InOrderAndOnce()
    {
        var sent = new SentSeqs();
        sent.TryAddLive(10);

        sent.BeginReplay();

        Assert.True(sent.TryAddReplayed(7));
        Assert.True(sent.TryAddReplayed(9));
        Assert.False(sent.TryAddReplayed(9));
        Assert.False(sent.TryAddReplayed(8));
        Assert.True(sent.TryAddReplayed(10));
    }

    [Fact]
    public void LiveAfterAReplayThatRanAhead_ShouldGoOnAboveTheReplay()
    {
        var sent = new SentSeqs();
        sent.TryAddLive(100);
        sent.BeginReplay();
        sent.TryAddReplayed(101);
        sent.TryAddReplayed(103);
        sent.EndReplay();

        var delivered = new[] { 101L, 102, 103, 104 }.Where(sent.TryAddLive).ToList();

        Assert.Equal([104L], delivered);
    }

    [Fact]
    public void LiveAfterAReplayBelowTheWatermark_ShouldGoOnAboveTheWatermark()
    {
        var sent = new SentSeqs();
        sent.TryAddLive(50);
        sent.BeginReplay();
        sent.TryAddReplayed(20);
        sent.EndReplay();
        sent.EndReplay();

        Assert.False(sent.TryAddLive(50));
        Assert.True(sent.TryAddLive(51));
    }
}
