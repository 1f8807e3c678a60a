namespace Friday.Infrastructure.Backplane;

public enum BackplaneProvider
{
    /// <summary>One node: an event reaches this process's connections only.</summary>
    InProcess,

    /// <summary>Several nodes: every event is fanned out to all of them through a RabbitMQ exchange.</summary>
    RabbitMq,
}
