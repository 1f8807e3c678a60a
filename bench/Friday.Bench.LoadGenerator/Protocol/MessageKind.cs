namespace Friday.Bench.LoadGenerator.Protocol;

internal enum MessageKind
{
    Other,
    Welcome,
    Subscribed,
    Notification,
    DataChanged,
    Resumed,
    Error,
}
