using System.Text;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Plugins.Prometheus;

/// <summary>
/// The prometheus plugin's request, latency and bandwidth series through the real pipeline, scraped from the
/// status listener: Kong's names, labels and buckets.
/// </summary>
public sealed class PrometheusHttpMetricsTests : IAsyncLifetime
{
    private static readonly (string, string)[] EchoLatencyLabels = [("service", "echo"), ("route", "echo-route"), ("workspace", "default")];
    private TestUpstream _upstream = null!;

    public async Task InitializeAsync() => _upstream = await TestUpstream.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    private string Config(string pluginConfig) => $"""
        _format_version: "3.0"
        services:
          - name: echo
            url: {_upstream.BaseUri}
            routes:
              - name: echo-route
                paths: [/echo]
          - url: {_upstream.BaseUri}
            routes:
              - paths: [/unnamed]
        plugins:
          - name: prometheus
            config:
        {pluginConfig}
        """;

    private const string AllHttpSwitches = """
              status_code_metrics: true
              latency_metrics: true
              bandwidth_metrics: true
        """;

    [Fact]
    public async Task ProxiedRequests_AreCountedByServiceRouteCodeAndSource_AndUnroutedOnesAreNot()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config(AllHttpSwitches)], arguments: PrometheusGateway.StatusListener);

        for (var i = 0; i < 2; i++)
        {
            using var ok = await gateway.Client.GetAsync(new Uri("/echo/hello", UriKind.Relative));
            Assert.Equal(200, (int)ok.StatusCode);
        }

        using var failed = await gateway.Client.GetAsync(new Uri("/echo/status/503", UriKind.Relative));
        Assert.Equal(503, (int)failed.StatusCode);
        using var unnamed = await gateway.Client.GetAsync(new Uri("/unnamed", UriKind.Relative));
        using var noRoute = await gateway.Client.GetAsync(new Uri("/nowhere", UriKind.Relative));
        Assert.Equal(404, (int)noRoute.StatusCode);

        var metrics = await PrometheusGateway.ScrapeUntilAsync(gateway, m => m.Sum("kong_http_requests_total") >= 4);
        Assert.Equal(2, metrics.Single("kong_http_requests_total", ("service", "echo"), ("route", "echo-route"), ("code", "200"), ("source", "service"), ("workspace", "default"), ("consumer", "")));
        Assert.Equal(1, metrics.Single("kong_http_requests_total", ("service", "echo"), ("route", "echo-route"), ("code", "503"), ("source", "service"), ("workspace", "default"), ("consumer", "")));
        // Kong's fallbacks: the service's host for an unnamed service, the route's id for an unnamed route.
        var unnamedSample = Assert.Single(metrics.Samples(), s => s.Name == "kong_http_requests_total" && s.Labels["service"] == "127.0.0.1");
        Assert.Matches("^[0-9a-f-]{36}$", unnamedSample.Labels["route"]);
        Assert.Equal(4, metrics.Sum("kong_http_requests_total"));
    }

    [Fact]
    public async Task GatewayAnswer_IsCountedWithSourceKong()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config(AllHttpSwitches).Replace(_upstream.BaseUri.ToString(), "http://127.0.0.1:1/", StringComparison.Ordinal)], arguments: PrometheusGateway.StatusListener);

        using var response = await gateway.Client.GetAsync(new Uri("/echo", UriKind.Relative));
        Assert.Equal(502, (int)response.StatusCode);

        var metrics = await PrometheusGateway.ScrapeUntilAsync(gateway, m => m.Sum("kong_http_requests_total") >= 1);
        Assert.Equal(1, metrics.Single("kong_http_requests_total", ("service", "echo"), ("route", "echo-route"), ("code", "502"), ("source", "kong"), ("workspace", "default"), ("consumer", "")));
        // No upstream answered: like Kong's latencies.proxy = -1, nothing is observed for the upstream.
        Assert.Equal(0, metrics.Sum("kong_upstream_latency_ms_count"));
        Assert.Equal(1, metrics.Sum("kong_request_latency_ms_count"));
    }

    [Fact]
    public async Task Latencies_AreObservedInKongsBuckets_WithTheUpstreamsWaitInUpstreamAndRequestButNotKong()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config(AllHttpSwitches)], arguments: PrometheusGateway.StatusListener);

        using var response = await gateway.Client.GetAsync(new Uri("/echo/slow?ms=300", UriKind.Relative));
        Assert.Equal(200, (int)response.StatusCode);

        var metrics = await PrometheusGateway.ScrapeUntilAsync(gateway, m => m.Sum("kong_request_latency_ms_count") >= 1);
        Assert.Equal(1, metrics.Single("kong_kong_latency_ms_count", EchoLatencyLabels));
        Assert.Equal(1, metrics.Single("kong_upstream_latency_ms_count", EchoLatencyLabels));
        // The upstream's 300 ms timer may fire a fraction of a millisecond early (timer resolution).
        Assert.InRange(metrics.Single("kong_upstream_latency_ms_sum", EchoLatencyLabels), 295, 10_000);
        Assert.InRange(metrics.Single("kong_request_latency_ms_sum", EchoLatencyLabels), 295, 10_000);
        // The gateway's own share leaves out the upstream's 300 ms; its size depends on the machine (a cold first
        // request on a loaded one takes tens of ms), so it is only bounded by what it must not contain.
        Assert.InRange(metrics.Single("kong_kong_latency_ms_sum", EchoLatencyLabels), 0, metrics.Single("kong_upstream_latency_ms_sum", EchoLatencyLabels) - 1);
        Assert.Equal(
            [1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000, 3000, 6000, double.PositiveInfinity],
            Bounds(metrics, "kong_kong_latency_ms_bucket"));
        double[] upstreamBuckets = [25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000, 60000, double.PositiveInfinity];
        Assert.Equal(upstreamBuckets, Bounds(metrics, "kong_upstream_latency_ms_bucket"));
        Assert.Equal(upstreamBuckets, Bounds(metrics, "kong_request_latency_ms_bucket"));
        // 300 ms is past the 250 bucket; the one observation sits in the first bucket whose bound is not below it
        // (400 unless a loaded machine stretched the wait), and in none before.
        var upstream = metrics.Single("kong_upstream_latency_ms_sum", EchoLatencyLabels);
        var bound = upstreamBuckets.First(b => b >= upstream);
        Assert.Equal(0, Bucket(metrics, "kong_upstream_latency_ms_bucket", 250));
        Assert.Equal(0, Bucket(metrics, "kong_upstream_latency_ms_bucket", upstreamBuckets[Array.IndexOf(upstreamBuckets, bound) - 1]));
        Assert.Equal(1, double.IsPositiveInfinity(bound) ? 1 : Bucket(metrics, "kong_upstream_latency_ms_bucket", bound));
    }

    [Fact]
    public async Task Bandwidth_CountsRequestAndResponseBodyBytesByDirection()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config(AllHttpSwitches)], arguments: PrometheusGateway.StatusListener);

        long sent = 0;
        for (var i = 0; i < 2; i++)
        {
            using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("0123456789"));
            using var response = await gateway.Client.PostAsync(new Uri("/echo", UriKind.Relative), content);
            sent += (await response.Content.ReadAsByteArrayAsync()).Length;
        }

        var metrics = await PrometheusGateway.ScrapeUntilAsync(gateway, m => m.Sum("kong_http_requests_total") >= 2);
        Assert.Equal(20, metrics.Single("kong_bandwidth_bytes", ("service", "echo"), ("route", "echo-route"), ("direction", "ingress"), ("workspace", "default"), ("consumer", "")));
        Assert.Equal(sent, metrics.Single("kong_bandwidth_bytes", ("service", "echo"), ("route", "echo-route"), ("direction", "egress"), ("workspace", "default"), ("consumer", "")));
    }

    [Fact]
    public async Task SwitchesOff_RecordNoPerRequestSeries_ButTheNodeGaugesAreThere()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config("      per_consumer: true")], arguments: PrometheusGateway.StatusListener);

        using var response = await gateway.Client.GetAsync(new Uri("/echo", UriKind.Relative));
        Assert.Equal(200, (int)response.StatusCode);
        await Task.Delay(200);

        var metrics = await PrometheusGateway.ScrapeAsync(gateway);
        Assert.Equal(0, metrics.Sum("kong_http_requests_total"));
        Assert.Equal(0, metrics.Sum("kong_request_latency_ms_count"));
        Assert.Equal(0, metrics.Sum("kong_bandwidth_bytes"));
        Assert.Equal(1, metrics.Single("kong_datastore_reachable"));
        Assert.Equal(1, metrics.Samples().Single(s => s.Name == "kong_node_info").Value);
    }

    [Fact]
    public async Task OpenMetricsAccept_IsAnsweredInOpenMetrics_AndPlainScrapesInTheTextFormat()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config(AllHttpSwitches)], arguments: PrometheusGateway.StatusListener);
        using var client = new HttpClient { BaseAddress = gateway.StatusUri };

        using var openMetrics = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        openMetrics.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        using var om = await client.SendAsync(openMetrics);
        Assert.StartsWith("application/openmetrics-text", om.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", await om.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var text = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", text.Content.Headers.ContentType!.ToString());
        Assert.DoesNotContain("# EOF", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsPath_OnTheProxyListener_IsRoutedLikeAnyRequest_So404NoRoute()
    {
        await using var gateway = await GatewayTestHost.StartAsync([Config(AllHttpSwitches)], arguments: PrometheusGateway.StatusListener);

        using var response = await gateway.Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("""{"message":"no Route matched with those values"}""", (await response.Content.ReadAsStringAsync()).Trim());
        Assert.Equal(200, (int)(await new HttpClient().GetAsync(new Uri(gateway.StatusUri!, "/metrics"))).StatusCode);
    }

    private static double Bucket(Exposition metrics, string bucket, double le) =>
        metrics.Samples().Single(s => s.Name == bucket && s.Labels["route"] == "echo-route" && s.Labels["le"] != "+Inf"
            && double.Parse(s.Labels["le"], System.Globalization.CultureInfo.InvariantCulture) == le).Value;

    private static double[] Bounds(Exposition metrics, string bucket) =>
        [.. metrics.Samples().Where(s => s.Name == bucket && s.Labels["route"] == "echo-route").Select(s => s.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(s.Labels["le"], System.Globalization.CultureInfo.InvariantCulture))];
}
