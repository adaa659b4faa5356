using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gateway.Plugins;
using Gateway.Plugins.Prometheus;
using Gateway.Plugins.Prometheus.Configuration;
using Microsoft.AspNetCore.Http;

namespace Gateway.Bench.Micro;

/// <summary>
/// The prometheus plugin's log phase for one Claude Code request, after warm-up: the HTTP series alone, with the AI
/// series of a streamed answer, with <c>per_consumer</c> and a key-auth consumer, and with the session client label
/// too. The goal is 0 B allocated per request (label children are cached per route, status, consumer, model and
/// client).
/// </summary>
[MemoryDiagnoser]
public class PrometheusLogPhaseBenchmarks
{
    private readonly PrometheusPlugin _plugin = new();
    private MetricsContext _http = null!;
    private MetricsContext _ai = null!;
    private MetricsContext _session = null!;
    private MetricsContext _consumer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var http = new PrometheusConfig { StatusCodeMetrics = true, LatencyMetrics = true, BandwidthMetrics = true };
        var ai = http with { AiMetrics = true };
        var session = ai with { AiClientLabel = AiClientLabel.Session };
        _http = new MetricsContext(http);
        _ai = new MetricsContext(ai);
        _session = new MetricsContext(session);
        _consumer = new MetricsContext(ai with { PerConsumer = true }, new Consumer("5b0e7d1c-0000-4000-8000-000000000004", "alex", "emp-001"));
        // Warm-up: the first request of each kind creates its label children.
        _plugin.LogAsync(_http).AsTask().GetAwaiter().GetResult();
        _plugin.LogAsync(_ai).AsTask().GetAwaiter().GetResult();
        _plugin.LogAsync(_session).AsTask().GetAwaiter().GetResult();
        _plugin.LogAsync(_consumer).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public ValueTask HttpSeries() => _plugin.LogAsync(_http);

    [Benchmark]
    public ValueTask HttpAndAiSeries() => _plugin.LogAsync(_ai);

    [Benchmark]
    public ValueTask HttpAndAiSeriesPerConsumer() => _plugin.LogAsync(_consumer);

    [Benchmark]
    public ValueTask HttpAiAndSessionLabel() => _plugin.LogAsync(_session);

    /// <summary>What the host's context gives the plugin in the log phase; the members it does not use throw.</summary>
    private sealed class MetricsContext : PluginContext
    {
        private static readonly MatchedRoute Route = new("9a7d1e3f-0000-4000-8000-000000000003", "example-route", "4e8b3c2a-0000-4000-8000-000000000002", "example-service", "127.0.0.1");
        private static readonly AiUsage Usage = new("anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929",
            21753, 64, 14160, 5498, 0.0123, TimeSpan.FromMilliseconds(1234), TimeSpan.FromMilliseconds(412), TimeSpan.FromMilliseconds(19.3), Streaming: true, Incomplete: false);

        public MetricsContext(PrometheusConfig config, Consumer? consumer = null)
        {
            Consumer = consumer;
            Instance = new PluginInstance("00000000-0000-0000-0000-000000000001", config, "global");
            var http = new DefaultHttpContext();
            http.Request.Headers["x-claude-code-session-id"] = "6f1c2a4e-1d2b-4c3a-9e8f-7a6b5c4d3e2f";
            http.Request.Headers.UserAgent = "claude-cli/2.1.328 (external, cli)";
            http.Response.StatusCode = 200;
            HttpContext = http;
        }

        public override HttpContext HttpContext { get; }

        public override string RequestId => "2f0c4b8e9d7a4c1e8b6f5a3d2c1b0a99";

        public override PluginInstance Instance { get; }

        public override MatchedRoute? MatchedRoute => Route;

        public override RequestLatencies Latencies => new(TimeSpan.FromMilliseconds(1240), TimeSpan.FromMilliseconds(3.2), TimeSpan.FromMilliseconds(420));

        public override long BodyBytesReceived => 91_943;

        public override long BodyBytesSent => 18_211;

        public override ResponseSource ResponseSource => ResponseSource.Upstream;

        public override UpstreamTarget Upstream => throw new NotSupportedException();

        public override string PathAfterRoute => "/v1/messages";

        public override int? UpstreamStatusCode => 200;

        public override DateTimeOffset StartedAt => DateTimeOffset.UnixEpoch;

        public override TimeSpan Elapsed => TimeSpan.FromMilliseconds(1240);

        public override DateTimeOffset? UpstreamSentAt => DateTimeOffset.UnixEpoch.AddMilliseconds(3);

        public override Consumer? Consumer { get; }

        public override string? CredentialId => null;

        public override ConsumerDirectory Consumers => throw new NotSupportedException();

        public override void Authenticate(Consumer? consumer, string? credentialId) => throw new NotSupportedException();

        public override bool RunsPlugin(string name) => false;

        public override void RedactQueryArgument(string name) => throw new NotSupportedException();

        public override bool IsQueryArgumentRedacted(string name) => false;

        public override bool TryGetShared<T>(ContextKey<T> key, out T value)
        {
            if (ReferenceEquals(key, AiContextKeys.Usage) && Usage is T usage && Instance.Config is PrometheusConfig { AiMetrics: true })
            {
                value = usage;
                return true;
            }

            value = default!;
            return false;
        }

        public override T GetState<T>() => throw new NotSupportedException();

        public override void SetShared<T>(ContextKey<T> key, T value) => throw new NotSupportedException();

        public override void SetSerializeValue(string key, object? value) => throw new NotSupportedException();

        public override void RedactRequestHeader(string headerName) => throw new NotSupportedException();

        public override bool IsRequestHeaderRedacted(string headerName) => false;

        public override ValueTask<RequestBody> ReadRequestBodyAsync(long maxBytes, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override void SetRequestBody(ReadOnlyMemory<byte> body) => throw new NotSupportedException();

        public override void Exit(int statusCode, string? body = null, string? contentType = null) => throw new NotSupportedException();

        public override void WriteLogEntry(Utf8JsonWriter writer) => throw new NotSupportedException();
    }
}
