using Friday.Infrastructure.Realtime.Security;
using Friday.Infrastructure.Tests.Support;

namespace Friday.Infrastructure.Tests.Realtime;

public sealed class MessageRateLimiterTests
{
    private const int Burst = 5;
    private const int CloseAfterRejected = 10;

    private readonly ManualClock _clock = new();

    [Fact]
    public void OneBurstFarPastTheBucket_ShouldBeRateLimited_NeverAbusive()
    {
        var limiter = Limiter(graceSeconds: 1);

        var verdicts = Send(limiter, 130);

        Assert.Equal(Burst, verdicts.Count(v => v == MessageVerdict.Accepted));
        Assert.All(verdicts.Skip(Burst), v => Assert.Equal(MessageVerdict.RateLimited, v));
    }

    [Fact]
    public void RejectionsGoingOnPastTheGrace_ShouldBeAbusive_AtTheThresholdCountedFromThere()
    {
        var limiter = Limiter(graceSeconds: 1);
        Send(limiter, Burst + 100);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var verdicts = Send(limiter, 1 + CloseAfterRejected);

        Assert.Equal(MessageVerdict.Accepted, verdicts[0]);
        AssertRateLimitedThenAbusive(verdicts[1..]);
    }

    [Fact]
    public void ClientThatSlowsDownAfterTheGrace_ShouldStayBelowTheThreshold_AndABurstInANewWindowBeForgivenAgain()
    {
        var limiter = Limiter(graceSeconds: 1);
        Send(limiter, Burst + 100);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(MessageVerdict.Abusive, Send(limiter, 2 + CloseAfterRejected - 1));

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(MessageVerdict.Abusive, Send(limiter, Burst + 100));
    }

    [Fact]
    public void WithoutAGrace_ShouldBeAbusiveAtTheThreshold_EvenWithinOneBurst()
    {
        var limiter = Limiter(graceSeconds: 0);

        var verdicts = Send(limiter, Burst + CloseAfterRejected);

        AssertRateLimitedThenAbusive(verdicts[Burst..]);
    }

    [Fact]
    public void QuietConnection_ShouldRefillItsBucket_UpToTheBurst()
    {
        var limiter = Limiter(graceSeconds: 1);
        Send(limiter, Burst + 1);

        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(Burst, Send(limiter, Burst + 1).Count(v => v == MessageVerdict.Accepted));
    }

    private MessageRateLimiter Limiter(int graceSeconds) => new(
        new RealtimeSecurityOptions
        {
            MessageBurst = Burst,
            MessagesPerSecond = 1,
            RateLimitCloseAfterRejected = CloseAfterRejected,
            RateLimitCloseWindowSeconds = 10,
            RateLimitCloseGraceSeconds = graceSeconds,
        },
        _clock);

    /// <summary>Every rejection answered until the threshold, which the last one reaches.</summary>
    private static void AssertRateLimitedThenAbusive(MessageVerdict[] rejected)
    {
        Assert.All(rejected[..^1], v => Assert.Equal(MessageVerdict.RateLimited, v));
        Assert.Equal(MessageVerdict.Abusive, rejected[^1]);
    }

    private static MessageVerdict[] Send(MessageRateLimiter limiter, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => limiter.Next())];
}
