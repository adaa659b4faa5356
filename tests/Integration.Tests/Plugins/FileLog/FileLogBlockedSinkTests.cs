using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>A log sink that stops taking writes must not hold up clients: with a FIFO whose reader stops reading,
/// keep-alive requests keep completing, and the entries that could not be queued are dropped, counted exactly and
/// reported (<c>on_queue_full: drop</c>, the default).</summary>
public sealed partial class FileLogBlockedSinkTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task FifoReaderStopsReading_2500KeepAliveRequestsAllComplete_AndTheLogCountsEveryDrop()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        const int Total = 2_500;
        using var fifo = new Fifo(_logs.File("gateway.fifo"));
        var logs = new RecordingLoggerProvider();
        await using var upstream = await TestUpstream.StartAsync();
        var gateway = await GatewayTestHost.StartAsync(
            [EchoRouteConfig.Yaml(upstream.Port, $"  - {{name: file-log, config: {{path: {fifo.Path}}}}}")], loggerProvider: logs);
        Traffic.Result stalled;
        Traffic.Result after;
        try
        {
            fifo.ReadThenStop(lines: 20);
            using var client = Traffic.Client(gateway.BaseUri);

            // Bounded: before the fix every connection stalled after ~1,070 requests until the reader drained.
            stalled = await Traffic.SendAsync(client, "/r/x", Total, concurrency: 8).WaitAsync(Bound);
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning
                && e.Message.Contains($"log entries for {fifo.Path}", StringComparison.Ordinal));

            fifo.Read();
            after = await Traffic.SendAsync(client, "/r/x", 10, concurrency: 1).WaitAsync(Bound);
        }
        finally
        {
            // Stopping the host writes out the queue and reports drops not yet reported; reading lets a writer
            // that is stuck on the full pipe finish.
            fifo.Read();
            await gateway.DisposeAsync();
        }

        Assert.Equal(0, stalled.Failures + after.Failures);
        Assert.Equal(Total + 10, stalled.RequestIds.Count + after.RequestIds.Count);
        var text = fifo.ReadToEnd(Bound);
        Assert.True(text.EndsWith('\n'), "the FIFO ends in the middle of a line");
        var logged = LogFile.Parse(text[..^1].Split('\n')).Select(LogFile.RequestId).ToHashSet(StringComparer.Ordinal);
        var dropped = logs.Entries.Sum(e => Dropped().Matches(e.Message).Sum(m => long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)));
        Assert.True(dropped > 0, "nothing was dropped, so the reader never stalled the writer");
        Assert.Equal(Total + 10, logged.Count + dropped);
        Assert.Subset(stalled.RequestIds.Concat(after.RequestIds).ToHashSet(StringComparer.Ordinal), logged);
    }

    [GeneratedRegex(@"(?:dropped (?<n>\d+) log entries for|(?<n>\d+) more log entries were dropped)")]
    private static partial Regex Dropped();
}
