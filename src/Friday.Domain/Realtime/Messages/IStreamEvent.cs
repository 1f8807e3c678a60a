namespace Friday.Domain.Realtime.Messages;

/// <summary>A message that is part of the replayable stream and so carries a deployment-wide <c>seq</c>.</summary>
public interface IStreamEvent
{
    long Seq { get; }
}
