namespace Gateway.TestPlugins.Probe;

/// <summary>How many body chunks a probe has seen on this request.</summary>
internal sealed class ChunkCount
{
    public int Seen { get; set; }
}
