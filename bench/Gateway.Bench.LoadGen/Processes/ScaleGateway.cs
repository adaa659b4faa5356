namespace Gateway.Bench.LoadGen.Processes;

/// <summary>A gateway of the routes workload once ready: how long its start took and its memory then.</summary>
internal sealed record ScaleGateway(Target Target, TimeSpan TimeToReady, double RssAtReadyBytes, double PeakRssBytes);
