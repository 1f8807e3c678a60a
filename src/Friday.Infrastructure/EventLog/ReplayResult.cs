namespace Friday.Infrastructure.EventLog;

/// <param name="LastSeq">The newest seq issued when the replay was read.</param>
internal sealed record ReplayResult(IReadOnlyList<StreamEvent> Events, long LastSeq, bool Complete);
