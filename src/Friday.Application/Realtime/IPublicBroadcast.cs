namespace Friday.Application.Realtime;

/// <summary>A public broadcast: what it carries and the public topic it goes to.</summary>
public interface IPublicBroadcast : IBroadcastContent
{
    string Topic { get; }
}
