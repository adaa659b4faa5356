using System.Text.Json.Nodes;
using Gateway.MockAnthropic;

namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>
/// The mock Anthropic server, optionally a <see cref="RecordingRelay"/> in front of it, and the real gateway with
/// ai-proxy pointed at it and file-log writing into a temp folder.
/// </summary>
internal sealed class AiProxyHarness : IAsyncDisposable
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(20);
    private readonly TempFolder _folder;

    private AiProxyHarness(TempFolder folder, MockAnthropicServer mock, RecordingRelay? relay, GatewayTestHost gateway, string logPath, RecordingLoggerProvider logs)
    {
        _folder = folder;
        Mock = mock;
        Relay = relay;
        Gateway = gateway;
        LogPath = logPath;
        Logs = logs;
    }

    public MockAnthropicServer Mock { get; }

    /// <summary>Set when the setup asked for one: the bytes the mock really sent.</summary>
    public RecordingRelay? Relay { get; }

    public GatewayTestHost Gateway { get; }

    public HttpClient Client => Gateway.Client;

    public string LogPath { get; }

    /// <summary>What the gateway itself logged.</summary>
    public RecordingLoggerProvider Logs { get; }

    public static async Task<AiProxyHarness> StartAsync(AiProxySetup? setup = null, MockAnthropicOptions? mockOptions = null)
    {
        setup ??= new AiProxySetup();
        var folder = new TempFolder();
        MockAnthropicServer? mock = null;
        RecordingRelay? relay = null;
        try
        {
            mock = await MockAnthropicServer.StartAsync(mockOptions ?? new MockAnthropicOptions { ExpectedApiKey = AiProxySetup.ConfiguredKey });
            relay = setup.Relay ? RecordingRelay.Start(mock.BaseUri.Port) : null;
            var upstream = setup.UpstreamUrl ?? $"http://127.0.0.1:{relay?.Port ?? mock.BaseUri.Port}{setup.UpstreamPath}";
            var logPath = folder.File("ai.log");
            var logs = new RecordingLoggerProvider();
            var gateway = await GatewayTestHost.StartAsync([setup.ToYaml(upstream, logPath)], loggerProvider: logs, arguments: setup.Arguments);
            return new AiProxyHarness(folder, mock, relay, gateway, logPath, logs);
        }
        catch
        {
            if (relay is not null)
            {
                await relay.DisposeAsync();
            }

            if (mock is not null)
            {
                await mock.DisposeAsync();
            }

            folder.Dispose();
            throw;
        }
    }

    public static string RequestId(HttpResponseMessage response) => response.Headers.GetValues("X-Kong-Request-Id").Single();

    /// <summary>The file-log line of one request; the log phase runs after the response, so it is polled for.</summary>
    public async Task<JsonNode> LogEntryAsync(string requestId)
    {
        var deadline = DateTime.UtcNow + LogWait;
        while (true)
        {
            if (File.Exists(LogPath))
            {
                foreach (var line in await ReadLinesAsync())
                {
                    var entry = JsonNode.Parse(line)!;
                    if (entry["request"]?["id"]?.GetValue<string>() == requestId)
                    {
                        return entry;
                    }
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no log line for request {requestId} in {LogPath} after {LogWait}");
            }

            await Task.Delay(50);
        }
    }

    public Task<JsonNode> LogEntryAsync(HttpResponseMessage response) => LogEntryAsync(RequestId(response));

    /// <summary>The only file-log line, for a request whose id the client never saw (it left before the answer).</summary>
    public async Task<JsonNode> OnlyLogEntryAsync()
    {
        await Eventually.TrueAsync(() => File.Exists(LogPath) && ReadLinesAsync().GetAwaiter().GetResult().Length > 0, $"no log line in {LogPath}", (int)LogWait.TotalMilliseconds);
        return JsonNode.Parse(Assert.Single(await ReadLinesAsync()))!;
    }

    /// <summary>The one request the mock recorded, waiting for it: the mock records just before its last byte.</summary>
    public async Task<RecordedRequest> SingleRecordedAsync()
    {
        await Eventually.TrueAsync(() => Mock.Requests.Count > 0, "the mock recorded no request");
        return Assert.Single(Mock.Requests);
    }

    private async Task<string[]> ReadLinesAsync()
    {
        // file-log appends while we read: share the file and keep only lines that have their newline.
        await using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = (await reader.ReadToEndAsync()).Split('\n');
        return [.. lines[..^1].Where(l => l.Length > 0)];
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        if (Relay is not null)
        {
            await Relay.DisposeAsync();
        }

        await Mock.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>Polling with a generous deadline, for conditions another thread makes true.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string failure, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}
