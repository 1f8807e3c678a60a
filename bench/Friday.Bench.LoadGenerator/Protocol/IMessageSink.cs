namespace Friday.Bench.LoadGenerator.Protocol;

internal interface IMessageSink
{
    void OnMessage(in InboundMessage message);
}
