namespace Gateway.TestPlugins.Probe;

/// <summary>What a probe's configure phase prepares for one instance.</summary>
internal sealed record ProbePrepared(string Label);
