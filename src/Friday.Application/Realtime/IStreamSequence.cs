namespace Friday.Application.Realtime;

/// <summary>
/// Issues the <c>seq</c> of stream events. Every number is greater than every number issued before
/// it, so a client can resume from the last one it saw.
/// </summary>
public interface IStreamSequence
{
    /// <summary>The newest number issued so far (0 before the first).</summary>
    long Current { get; }

    long Issue();
}
