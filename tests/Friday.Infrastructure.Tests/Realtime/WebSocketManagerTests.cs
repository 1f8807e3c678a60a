using Friday.Domain.Realtime;
using Friday.Domain.Realtime.Messages;
using Friday.Infrastructure.Realtime;
using Friday.Infrastructure.Tests.Support;

namespace Friday.Infrastructure.Tests.Realtime;

/// <summary>
/// The adapter over real WebSockets joined by in-memory pipes. To prove a connection did NOT receive
/// something, each test ends with a <see cref="Marker"/> sent to everyone: a peer whose next message is
/// the marker received nothing before it (each connection's queue keeps order).
/// </summary>
public sealed class WebSocketManagerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly TestMeterFactory _meters = new();
    private readonly RealtimeMetrics _metrics;
    private readonly WebSocketManager _manager;
    private readonly List<TestConnection> _open = [];

    public WebSocketManagerTests()
    {
        _metrics = new RealtimeMetrics(_meters);
        _manager = new WebSocketManager(_metrics);
    }

    public void Dispose()
    {
        _open.ForEach(c => c.Dispose());
        _metrics.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public void Register_WhenNewId_ShouldAddTheConnection()
    {
        var alice = Open("c1", "alice");

        Assert.Equal(RegistrationResult.Added, _manager.Register(alice.Connection));
        Assert.Equal(1, _manager.ConnectionCount);
        Assert.True(_manager.IsUserConnected("alice"));
        Assert.Same(alice.Connection, Assert.Single(_manager.ConnectionsOf("alice")));
    }

    [Fact]
    public void Unregister_WhenRegistered_ShouldRemoveItFromEveryIndex()
    {
        var alice = OpenRegistered("c1", "alice", "system_status", "notes");

        _manager.Unregister(alice.Connection);

        Assert.Equal(0, _manager.ConnectionCount);
        Assert.False(_manager.IsUserConnected("alice"));
        Assert.Equal(0, _manager.PublicTopicCount);
        Assert.Equal(0, _manager.SendToAudience(Audience.PublicTopic("system_status"), Marker()));
        Assert.Equal(0, _manager.SendToUser("alice", Marker()));
    }

    [Fact]
    public async Task Register_WhenSameIdAndSameUser_ShouldReplaceAndCloseTheOldWith4008()
    {
        var old = OpenRegistered("c1", "alice", "system_status");
        var replacement = Open("c1", "alice");

        var result = _manager.Register(replacement.Connection);

        Assert.Equal(RegistrationResult.Replaced, result);
        Assert.Equal("close:4008", await old.ReceiveTypeOrCloseAsync());
        Assert.Equal(CloseCodes.Replaced, old.Connection.CloseCode);
        Assert.Equal(1, _manager.ConnectionCount);
        Assert.Equal(0, _manager.PublicTopicCount);
        Assert.Equal(1, _manager.SendToUser("alice", Marker()));
        Assert.Equal("pong", await replacement.ReceiveTypeOrCloseAsync());
    }

    [Fact]
    public void Unregister_WhenTheConnectionWasAlreadyReplaced_ShouldKeepTheReplacement()
    {
        var old = OpenRegistered("c1", "alice");
        var replacement = OpenRegistered("c1", "alice");

        _manager.Unregister(old.Connection);

        Assert.Same(replacement.Connection, Assert.Single(_manager.ConnectionsOf("alice")));
        Assert.Equal(1, _manager.ConnectionCount);
    }

    [Fact]
    public void Register_WhenIdHeldByAnotherUser_ShouldRefuseAndKeepTheHolder()
    {
        var alice = OpenRegistered("c1", "alice");
        var bob = Open("c1", "bob");

        var result = _manager.Register(bob.Connection);

        Assert.Equal(RegistrationResult.IdTakenByAnotherUser, result);
        Assert.Same(alice.Connection, Assert.Single(_manager.ConnectionsOf("alice")));
        Assert.Equal(1, _manager.ConnectionCount);
        Assert.False(alice.Connection.IsClosing);
        Assert.False(_manager.IsUserConnected("bob"));
    }

    [Fact]
    public void Register_WhenAnonymousTakesAUsersId_ShouldRefuse()
    {
        OpenRegistered("c1", "alice");

        Assert.Equal(RegistrationResult.IdTakenByAnotherUser, _manager.Register(Open("c1", null).Connection));
    }

    [Fact]
    public async Task SendToAudience_WhenUserAudience_ShouldReachOnlyThatUsersSubscribedConnectionsOnce()
    {
        var both = OpenRegistered("a1", "alice", "notes", "note:1");
        var one = OpenRegistered("a2", "alice", "note:1");
        var otherTopic = OpenRegistered("a3", "alice", "tasks");
        var none = OpenRegistered("a4", "alice");
        var bob = OpenRegistered("b1", "bob", "notes", "note:1");

        var sent = _manager.SendToAudience(Audience.User("alice", "notes", "note:1"), Changed(5));
        _manager.SendToAll(Marker());

        Assert.Equal(2, sent);
        Assert.Equal(5, (await both.ReceiveAsync())!.Value.GetProperty("seq").GetInt64());
        Assert.Equal("pong", await both.ReceiveTypeOrCloseAsync());
        Assert.Equal("data_changed", await one.ReceiveTypeOrCloseAsync());
        Assert.Equal("pong", await one.ReceiveTypeOrCloseAsync());
        Assert.Equal("pong", await otherTopic.ReceiveTypeOrCloseAsync());
        Assert.Equal("pong", await none.ReceiveTypeOrCloseAsync());
        Assert.Equal("pong", await bob.ReceiveTypeOrCloseAsync());
    }

    [Fact]
    public void SendToAudience_WhenUserHasNoConnection_ShouldReturnZero()
    {
        OpenRegistered("b1", "bob", "notes");

        Assert.Equal(0, _manager.SendToAudience(Audience.User("alice", "notes"), Changed(1)));
    }

    [Fact]
    public async Task SendToAudience_WhenPublicTopic_ShouldReachOnlyItsMembersIncludingAnonymous()
    {
        var member = OpenRegistered("a1", "alice", "system_status");
        var anonymous = OpenRegistered("x1", null, "system_status");
        var other = OpenRegistered("b1", "bob", "system_alerts");
        var left = OpenRegistered("c1", "carol", "system_status");
        _manager.Unsubscribe(left.Connection, "system_status");

        var sent = _manager.SendToAudience(Audience.PublicTopic("system_status"), Notification("status", "system_status"));
        _manager.SendToAll(Marker());

        Assert.Equal(2, sent);
        Assert.Equal("notification", await member.ReceiveTypeOrCloseAsync());
        Assert.Equal("notification", await anonymous.ReceiveTypeOrCloseAsync());
        Assert.Equal("pong", await other.ReceiveTypeOrCloseAsync());
        Assert.Equal("pong", await left.ReceiveTypeOrCloseAsync());
    }

    [Fact]
    public async Task SendToAudience_WhenNotificationTypesFiltered_ShouldDeliverOnlyAcceptedTypes()
    {
        var filtered = OpenRegistered("a1", "alice", "notifications");
        filtered.Connection.AddNotificationTypes(["task_reminder"]);
        var unfiltered = OpenRegistered("a2", "alice", "notifications");

        var reminder = _manager.SendToAudience(Audience.User("alice", "notifications"), Notification("task_reminder", "notifications"));
        var other = _manager.SendToAudience(Audience.User("alice", "notifications"), Notification("mention", "notifications"));
        _manager.SendToAll(Marker());

        Assert.Equal(2, reminder);
        Assert.Equal(1, other);
        Assert.Equal("task_reminder", (await filtered.ReceiveAsync())!.Value.GetProperty("notification_type").GetString());
        Assert.Equal("pong", await filtered.ReceiveTypeOrCloseAsync());
        Assert.Equal("task_reminder", (await unfiltered.ReceiveAsync())!.Value.GetProperty("notification_type").GetString());
        Assert.Equal("mention", (await unfiltered.ReceiveAsync())!.Value.GetProperty("notification_type").GetString());
    }

    [Fact]
    public async Task SendToAudience_WhenFilterRemoved_ShouldDeliverEveryTypeAgain()
    {
        var connection = OpenRegistered("a1", "alice", "notifications");
        connection.Connection.AddNotificationTypes(["task_reminder"]);
        connection.Connection.RemoveNotificationTypes(["task_reminder"]);

        Assert.Equal(1, _manager.SendToAudience(Audience.User("alice", "notifications"), Notification("mention", "notifications")));
        Assert.Equal("notification", await connection.ReceiveTypeOrCloseAsync());
    }

    [Fact]
    public async Task SendToAudience_WhenPublicBroadcastAndOwnNotificationsFiltered_ShouldStillDeliverTheBroadcast()
    {
        var connection = OpenRegistered("a1", "alice", "system_alerts", "notifications");
        connection.Connection.AddNotificationTypes(["task_reminder"]);

        Assert.Equal(1, _manager.SendToAudience(Audience.PublicTopic("system_alerts"), Notification("alert", "system_alerts")));
        Assert.Equal("notification", await connection.ReceiveTypeOrCloseAsync());
    }

    [Fact]
    public async Task SendToUser_ShouldReachEveryConnectionOfTheUserWhateverTheirTopics()
    {
        var a1 = OpenRegistered("a1", "alice");
        var a2 = OpenRegistered("a2", "alice", "notes");
        var bob = OpenRegistered("b1", "bob");

        Assert.Equal(2, _manager.SendToUser("alice", new UnreadCountMessage(new UnreadCountData(3))));
        _manager.SendToAll(Marker());

        Assert.Equal("unread_count", await a1.ReceiveTypeOrCloseAsync());
        Assert.Equal("unread_count", await a2.ReceiveTypeOrCloseAsync());
        Assert.Equal("pong", await bob.ReceiveTypeOrCloseAsync());
    }

    [Fact]
    public async Task SendToAll_ShouldReachEveryConnectionIncludingAnonymous()
    {
        var connections = new[] { OpenRegistered("a1", "alice"), OpenRegistered("b1", "bob", "notes"), OpenRegistered("x1", null) };

        var sent = _manager.SendToAll(new HeartbeatMessage(Now));

        Assert.Equal(3, sent);
        foreach (var connection in connections)
        {
            Assert.Equal("heartbeat", await connection.ReceiveTypeOrCloseAsync());
        }
    }

    [Fact]
    public async Task SendToConnection_ShouldReachOnlyThatConnection()
    {
        var a1 = OpenRegistered("a1", "alice");
        var a2 = OpenRegistered("a2", "alice");

        Assert.True(_manager.SendToConnection("a1", new ErrorMessage("forbidden", "no") { ReplyTo = MessageId.Text("r") }));
        Assert.False(_manager.SendToConnection("nope", Marker()));
        _manager.SendToAll(Marker());

        Assert.Equal("r", (await a1.ReceiveAsync())!.Value.GetProperty("reply_to").GetString());
        Assert.Equal("pong", await a2.ReceiveTypeOrCloseAsync());
    }

    [Fact]
    public async Task DisconnectUser_ShouldCloseEveryConnectionOfTheUserWithTheCode()
    {
        var a1 = OpenRegistered("a1", "alice");
        var a2 = OpenRegistered("a2", "alice");
        var bob = OpenRegistered("b1", "bob");

        var closed = _manager.DisconnectUser("alice", CloseCodes.PolicyViolation, "bye");

        Assert.Equal(2, closed);
        Assert.Equal("close:1008", await a1.ReceiveTypeOrCloseAsync());
        Assert.Equal("close:1008", await a2.ReceiveTypeOrCloseAsync());
        Assert.False(bob.Connection.IsClosing);
    }

    [Fact]
    public async Task SendToAll_WhenAPeerNeverReads_ShouldCloseItWith1013AndStillDeliverEverythingToOthers()
    {
        const int Messages = 300;
        var slow = OpenRegistered("slow", "alice", 4, 512);
        var fast = OpenRegistered("fast", "bob", Messages + 10, null);
        var big = new ErrorMessage("internal_error", new string('x', 1000));
        var received = Task.Run(async () =>
        {
            var count = 0;
            while (await fast.ReceiveAsync() is { } message && message.GetProperty("type").GetString() == "error")
            {
                count++;
            }

            return count;
        });

        var deliveries = 0;
        for (var i = 0; i < Messages; i++)
        {
            deliveries += _manager.SendToAll(big);
        }

        _manager.SendToAll(Marker());

        Assert.Equal(Messages, await received);
        Assert.Equal(CloseCodes.TryAgainLater, slow.Connection.CloseCode);
        Assert.True(deliveries < 2 * Messages, "the slow connection should have stopped accepting messages");
        Assert.True(_metrics.DroppedTotal > 0);
        Assert.False(slow.Connection.TryEnqueue([1]));
        await slow.Writer.WaitAsync(TimeSpan.FromSeconds(10));

        // The writer either got the close frame out (the peer, should it read at last, sees 1013) or aborted the socket.
        if (slow.Pair.Server.State == System.Net.WebSockets.WebSocketState.CloseSent)
        {
            string last;
            do
            {
                last = await slow.ReceiveTypeOrCloseAsync();
            }
            while (last == "error");

            Assert.Equal("close:1013", last);
        }
        else
        {
            Assert.Equal(System.Net.WebSockets.WebSocketState.Aborted, slow.Pair.Server.State);
        }
    }

    /// <summary>
    /// The payload counts how often it is read: once per serialisation. Each kind of broadcast must read
    /// it once however many receive it, and every receiver gets the same bytes.
    /// </summary>
    [Fact]
    public async Task Broadcasts_ShouldSerialiseTheMessageOnce_HoweverManyReceiveIt()
    {
        TestConnection[] alice = [OpenRegistered("a1", "alice", "notes"), OpenRegistered("a2", "alice", "notes")];
        TestConnection[] members = [OpenRegistered("p1", "bob", "system_status"), OpenRegistered("p2", null, "system_status")];
        var toUserAudience = new CountingSnapshot();
        var toPublicTopic = new CountingSnapshot();
        var toUser = new CountingSnapshot();
        var toAll = new CountingSnapshot();

        Assert.Equal(2, _manager.SendToAudience(Audience.User("alice", "notes"), new DataChangedMessage(1, "notes", "note", "updated", Guid.NewGuid(), toUserAudience, Now)));
        Assert.Equal(2, _manager.SendToAudience(Audience.PublicTopic("system_status"), new NotificationMessage(2, "system_status", "m", "status", toPublicTopic, Now)));
        Assert.Equal(2, _manager.SendToUser("alice", new NotificationMessage(3, "notifications", "m", "mention", toUser, Now)));
        Assert.Equal(4, _manager.SendToAll(new NotificationMessage(4, "all", "m", "alert", toAll, Now)));

        Assert.All(new[] { toUserAudience, toPublicTopic, toUser, toAll }, snapshot => Assert.Equal(1, snapshot.Reads()));
        await AssertSameBytesAsync(alice, messages: 3);
        await AssertSameBytesAsync(members, messages: 2);
    }

    [Fact]
    public void Counts_ShouldFollowSubscriptionsAndRegistrations()
    {
        var a1 = OpenRegistered("a1", "alice", "notes", "system_status");
        OpenRegistered("b1", "bob", "system_status");

        Assert.Equal(2, _manager.ConnectionCount);
        Assert.Equal(3, _manager.SubscriptionCount);
        Assert.Equal(2, _manager.UserCount);
        Assert.Equal(1, _manager.PublicTopicCount);

        _manager.Subscribe(a1.Connection, "notes");
        Assert.Equal(3, _manager.SubscriptionCount);

        _manager.Unsubscribe(a1.Connection, "notes");
        Assert.Equal(2, _manager.SubscriptionCount);

        _manager.Unregister(a1.Connection);
        Assert.Equal(1, _manager.ConnectionCount);
        Assert.Equal(1, _manager.SubscriptionCount);
        Assert.Equal(1, _manager.UserCount);
    }

    [Fact]
    public void Subscribe_WhenUserScopedTopic_ShouldNotCreateAPublicIndexEntry()
    {
        var a1 = OpenRegistered("a1", "alice", "notes", "note:1", "notifications");

        Assert.Equal(0, _manager.PublicTopicCount);
        Assert.Equal(3, a1.Connection.Topics.Count);
        Assert.Equal(0, _manager.SendToAudience(Audience.PublicTopic("notes"), Marker()));
    }

    private TestConnection Open(string id, string? userId, int queueCapacity = 1024, long? toClientPauseBytes = null)
    {
        var connection = TestConnection.Open(id, userId, _metrics, queueCapacity, toClientPauseBytes);
        _open.Add(connection);
        return connection;
    }

    private TestConnection OpenRegistered(string id, string? userId, params string[] topics) => OpenRegistered(id, userId, 1024, null, topics);

    private TestConnection OpenRegistered(string id, string? userId, int queueCapacity, long? toClientPauseBytes, params string[] topics)
    {
        var connection = Open(id, userId, queueCapacity, toClientPauseBytes);
        Assert.NotEqual(RegistrationResult.IdTakenByAnotherUser, _manager.Register(connection.Connection));
        foreach (var topic in topics)
        {
            _manager.Subscribe(connection.Connection, topic);
        }

        return connection;
    }

    private static async Task AssertSameBytesAsync(TestConnection[] receivers, int messages)
    {
        for (var i = 0; i < messages; i++)
        {
            var first = await receivers[0].Pair.ReceiveBytesAsync();
            foreach (var other in receivers.Skip(1))
            {
                Assert.Equal(first, await other.Pair.ReceiveBytesAsync());
            }
        }
    }

    private static PongMessage Marker() => new();

    private static DataChangedMessage Changed(long seq) => new(seq, "notes", "note", "updated", Guid.NewGuid(), null, Now);

    private static NotificationMessage Notification(string type, string topic) => new(1, topic, "m", type, null, Now);

    /// <summary>An entity snapshot that counts how often the serialiser reads it.</summary>
    public sealed class CountingSnapshot
    {
        private int _reads;

        public string Title
        {
            get
            {
                Interlocked.Increment(ref _reads);
                return "counted";
            }
        }

        public int Reads() => Volatile.Read(ref _reads);
    }
}
