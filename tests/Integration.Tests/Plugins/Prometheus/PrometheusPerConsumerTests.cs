using System.Text;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.AiProxy;

namespace Gateway.Integration.Tests.Plugins.Prometheus;

/// <summary>
/// <c>per_consumer</c> through the real pipeline: key-auth identifies the caller, the prometheus plugin fills Kong's
/// <c>consumer</c> label with the username, else the custom id, and leaves it <c>""</c> when the switch is off or
/// nobody was identified.
/// </summary>
public sealed class PrometheusPerConsumerTests : IAsyncLifetime
{
    private const string AlexKey = "alex-prometheus-key-5b1e";
    private const string CustomOnlyKey = "custom-only-prometheus-key-9c2d";
    private static readonly (string, string)[] LatencyLabels = [("service", "echo"), ("route", "echo-route"), ("workspace", "default")];
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    private string Config(bool perConsumer) => $"""
        _format_version: "3.0"
        services:
          - name: echo
            url: {_upstream.BaseUri}
            routes:
              - name: echo-route
                paths: [/echo]
        plugins:
          - name: key-auth
          - name: prometheus
            config:
              per_consumer: {(perConsumer ? "true" : "false")}
              status_code_metrics: true
              latency_metrics: true
              bandwidth_metrics: true
        consumers:
          - username: alex
            custom_id: emp-001
            keyauth_credentials:
              - key: {AlexKey}
          - custom_id: cust-42
            keyauth_credentials:
              - key: {CustomOnlyKey}
        """;

    private static (string, string)[] Requests(string code, string source, string consumer) =>
        [("service", "echo"), ("route", "echo-route"), ("code", code), ("source", source), ("workspace", "default"), ("consumer", consumer)];

    private static (string, string)[] Bandwidth(string direction, string consumer) =>
        [("service", "echo"), ("route", "echo-route"), ("direction", direction), ("workspace", "default"), ("consumer", consumer)];

    /// <summary>Alex twice, the custom-id-only consumer once, both with a 10-byte body, and one call without a key
    /// (key-auth's 401).</summary>
    private static async Task SendTrafficAsync(GatewayTestHost gateway)
    {
        foreach (var key in new[] { AlexKey, AlexKey, CustomOnlyKey })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/echo") { Content = new ByteArrayContent(Encoding.ASCII.GetBytes("0123456789")) };
            request.Headers.Add("apikey", key);
            using var response = await gateway.Client.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }

        using var anonymous = await gateway.Client.GetAsync(new Uri("/echo", UriKind.Relative));
        Assert.Equal(401, (int)anonymous.StatusCode);
    }

    [Fact]
    public async Task PerConsumerOn_RequestsAndBandwidthAreCountedPerConsumer_ByUsernameElseCustomId()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config(perConsumer: true)], arguments: PrometheusGateway.StatusListener);

        await SendTrafficAsync(gateway);

        var metrics = await PrometheusGateway.ScrapeUntilAsync(gateway, m => m.Sum("kong_http_requests_total") >= 4);
        Assert.Equal(2, metrics.Single("kong_http_requests_total", Requests("200", "service", "alex")));
        // No username: Kong 3.12+ falls back to the custom id.
        Assert.Equal(1, metrics.Single("kong_http_requests_total", Requests("200", "service", "cust-42")));
        // Nobody identified (key-auth answered 401 itself): the label stays "".
        Assert.Equal(1, metrics.Single("kong_http_requests_total", Requests("401", "kong", "")));
        Assert.Equal(4, metrics.Sum("kong_http_requests_total"));
        Assert.Equal(20, metrics.Single("kong_bandwidth_bytes", Bandwidth("ingress", "alex")));
        Assert.Equal(10, metrics.Single("kong_bandwidth_bytes", Bandwidth("ingress", "cust-42")));
        Assert.True(metrics.Single("kong_bandwidth_bytes", Bandwidth("egress", "alex")) > metrics.Single("kong_bandwidth_bytes", Bandwidth("egress", "cust-42")));
        Assert.True(metrics.Single("kong_bandwidth_bytes", Bandwidth("egress", "")) > 0);
        // Kong's latency histograms have no consumer label: one series for the route, all four requests in it.
        Assert.Equal(4, metrics.Single("kong_request_latency_ms_count", LatencyLabels));
    }

    [Fact]
    public async Task PerConsumerOff_TheConsumerLabelIsEmptyForEveryone()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config(perConsumer: false)], arguments: PrometheusGateway.StatusListener);

        await SendTrafficAsync(gateway);

        var metrics = await PrometheusGateway.ScrapeUntilAsync(gateway, m => m.Sum("kong_http_requests_total") >= 4);
        Assert.Equal(3, metrics.Single("kong_http_requests_total", Requests("200", "service", "")));
        Assert.Equal(1, metrics.Single("kong_http_requests_total", Requests("401", "kong", "")));
        Assert.Equal(30, metrics.Single("kong_bandwidth_bytes", Bandwidth("ingress", "")));
        Assert.All(metrics.Samples().Where(s => s.Labels.ContainsKey("consumer")), s => Assert.Equal(string.Empty, s.Labels["consumer"]));
        Assert.DoesNotContain("alex", metrics.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cust-42", metrics.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PerConsumerOn_AiSeriesCarryTheConsumerToo()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup
        {
            Plugins =
            [
                "- name: key-auth", "- name: prometheus", "  config:", "    per_consumer: true", "    ai_metrics: true",
            ],
            TopLevel = ["consumers:", "  - username: alex", "    keyauth_credentials:", $"      - key: {AlexKey}"],
            Arguments = PrometheusGateway.StatusListener,
        });

        using var request = ClaudeCodeRequest.Messages("hi", stream: false);
        request.Headers.Add("apikey", AlexKey);
        using var response = await h.Client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);

        var metrics = await PrometheusGateway.ScrapeUntilAsync(h.Gateway, m => m.Sum("kong_ai_llm_requests_total") >= 1);
        Assert.Equal(1, metrics.Single(
            "kong_ai_llm_requests_total",
            ("ai_provider", "anthropic"), ("ai_model", AiProxySetup.Model), ("cache_status", ""), ("vector_db", ""), ("embeddings_provider", ""),
            ("embeddings_model", ""), ("request_mode", "oneshot"), ("workspace", "default"), ("consumer", "alex")));
        Assert.All(metrics.Samples().Where(s => s.Name == "kong_ai_llm_tokens_total"), s => Assert.Equal("alex", s.Labels["consumer"]));
    }
}
