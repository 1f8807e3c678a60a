namespace Friday.Application.Notifications.Commands;

/// <summary>
/// A request <see cref="NotifyOnceCommand"/> can carry: users to notify (<see cref="NotifyUsersCommand"/>)
/// or a public broadcast (<c>PublishToTopicCommand</c>, <c>BroadcastToAllCommand</c>).
/// </summary>
public interface IOnceRequest;
