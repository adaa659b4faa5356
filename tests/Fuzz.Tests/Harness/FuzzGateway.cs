using Gateway.Fuzz.Tests.Fuzzing;
using Gateway.Fuzz.Tests.Wire;
using Gateway.MockAnthropic;

namespace Gateway.Fuzz.Tests.Harness;

/// <summary>
/// The system under test: the real gateway in-process (plugins loaded from artifacts/) with a plain route to the
/// recording upstream, an ai-proxy route to the mock Anthropic server holding <see cref="Secrets.ProviderKey"/>,
/// and a global file-log, all on loopback; its log output is recorded to search for secrets.
/// </summary>
internal sealed class FuzzGateway : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private bool _stopped;

    private FuzzGateway(TempFolder folder, RecordingUpstream upstream, MockAnthropicServer mock, GatewayTestHost host, RecordingLoggerProvider logs)
    {
        _folder = folder;
        Upstream = upstream;
        Mock = mock;
        Host = host;
        Logs = logs;
    }

    public RecordingUpstream Upstream { get; }

    public MockAnthropicServer Mock { get; }

    public GatewayTestHost Host { get; }

    public RecordingLoggerProvider Logs { get; }

    public int Port => Host.BaseUri.Port;

    public string LogPath => _folder.File("fuzz.log");

    public static async Task<FuzzGateway> StartAsync()
    {
        var folder = new TempFolder();
        var upstream = new RecordingUpstream();
        var mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions { ExpectedApiKey = Secrets.ProviderKey, MaxRecordedRequests = 10 });
        var logs = new RecordingLoggerProvider();
        var host = await GatewayTestHost.StartAsync([Yaml(upstream.Port, mock.BaseUri.Port, folder.File("fuzz.log"))], loggerProvider: logs);
        return new FuzzGateway(folder, upstream, mock, host, logs);
    }

    /// <summary>The service URLs are fixed strings so the routes' upstream paths are exactly the stripped client paths.</summary>
    private static string Yaml(int upstreamPort, int mockPort, string logPath) => $"""
        _format_version: "3.0"
        services:
          - name: plain
            url: http://127.0.0.1:{upstreamPort}
            read_timeout: 5000
            routes:
              - name: plain
                paths: ["/plain"]
          - name: ai
            url: http://127.0.0.1:{mockPort}
            read_timeout: 5000
            routes:
              - name: ai
                paths: ["/ai"]
                plugins:
                  - name: ai-proxy
                    config:
                      route_type: llm/v1/chat
                      llm_format: anthropic
                      auth:
                        header_name: x-api-key
                        header_value: {Secrets.ProviderKey}
                      model:
                        provider: anthropic
                        name: {FuzzCaseGenerator.AiModel}
                        options:
                          anthropic_version: "2023-06-01"
                          upstream_url: http://127.0.0.1:{mockPort}/v1/messages
                      logging:
                        log_statistics: true
                        log_payloads: false
        plugins:
          - name: file-log
            config:
              path: {logPath}
        """;

    /// <summary>Stops the gateway: the server drains and file-log writes every queued line before this returns.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Host.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Mock.DisposeAsync();
        await Upstream.DisposeAsync();
        _folder.Dispose();
    }
}
