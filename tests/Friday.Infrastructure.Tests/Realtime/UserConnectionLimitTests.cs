using Friday.Infrastructure.Realtime.Security;

namespace Friday.Infrastructure.Tests.Realtime;

public sealed class UserConnectionLimitTests
{
    [Fact]
    public void TryAdd_AtTheLimit_ShouldAdmitAClientIdTheUserHolds_AndRefuseANewOne()
    {
        var limit = new UserConnectionLimit(2);
        Assert.True(limit.TryAdd("alice", "tab-1"));
        Assert.True(limit.TryAdd("alice", "tab-2"));

        Assert.True(limit.TryAdd("alice", "tab-1"));
        Assert.False(limit.TryAdd("alice", "tab-3"));
        Assert.True(limit.TryAdd("bob", "tab-3"));
    }

    [Fact]
    public void Remove_ShouldFreeAClientId_OnlyWhenItsLastConnectionEnds()
    {
        var limit = new UserConnectionLimit(1);
        limit.TryAdd("alice", "tab-1");
        limit.TryAdd("alice", "tab-1");

        limit.Remove("alice", "tab-1");
        Assert.False(limit.TryAdd("alice", "tab-2"));

        limit.Remove("alice", "tab-1");
        Assert.True(limit.TryAdd("alice", "tab-2"));
    }

    [Fact]
    public async Task TryAdd_FromManyThreadsAtOnce_ShouldNeverPassTheLimit()
    {
        var limit = new UserConnectionLimit(10);
        using var start = new Barrier(8);

        var admitted = await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            start.SignalAndWait();
            return Enumerable.Range(0, 100).Count(i => limit.TryAdd("alice", $"t{thread}-{i}"));
        })));

        Assert.Equal(10, admitted.Sum());
    }
}
