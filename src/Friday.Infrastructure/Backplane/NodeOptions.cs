namespace Friday.Infrastructure.Backplane;

/// <summary>Who this process is among the nodes of a deployment: in logs, stats and backplane messages.</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Node";

    /// <summary>Machine name and process id by default, so two nodes on one host stay apart.</summary>
    public string Id { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}
