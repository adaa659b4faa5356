using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gateway.Integration.Tests.Plugins.AiProxy;
using Gateway.Integration.Tests.Plugins.Prometheus;

namespace Gateway.Integration.Tests.Docs;

/// <summary>
/// Keeps examples/grafana/gateway-dashboard.json honest: every metric its PromQL uses is in the gateway's
/// <c>/metrics</c> after Claude Code-shaped traffic, and every query parses in a real Prometheus.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string DashboardPath = Path.Combine(RepoPaths.Root, "examples", "grafana", "gateway-dashboard.json");

    [Fact]
    public async Task Dashboard_EveryMetricItsQueriesUse_IsInTheGatewaysMetricsAfterTraffic_AndEveryQueryParses()
    {
        var queries = Queries(JsonNode.Parse(await File.ReadAllTextAsync(DashboardPath))!);
        Assert.True(queries.Count >= 10, $"only {queries.Count} queries found in {DashboardPath}");
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup
        {
            Options = ["input_cost: 3", "output_cost: 15"],
            Plugins = ["- name: prometheus", "  config:", "    ai_metrics: true", "    status_code_metrics: true", "    latency_metrics: true", "    bandwidth_metrics: true", "    ai_client_label: session"],
            Arguments = PrometheusGateway.StatusListener,
        });
        foreach (var stream in new[] { true, false })
        {
            using var request = ClaudeCodeRequest.Messages("hi [[mock:slow-first-token:20]] [[mock:deltas:6]]", stream);
            request.Headers.TryAddWithoutValidation("x-claude-code-session-id", "dashboard-session");
            using var response = await h.Client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(200, (int)response.StatusCode);
        }

        var metrics = await PrometheusGateway.ScrapeUntilAsync(h.Gateway, m => m.Sum("kong_ai_llm_requests_total") >= 2);
        var served = metrics.Names();
        var used = queries.SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(used);
        Assert.DoesNotContain(used, name => !served.Contains(name));

        await using var prometheus = await PrometheusServer.StartAsync(h.Gateway.StatusUri!);
        foreach (var query in queries)
        {
            // Grafana's variables, as Grafana would substitute them; QueryAsync fails on a query Prometheus rejects.
            var promQl = query.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$__range", "1h", StringComparison.Ordinal)
                .Replace("$service", ".*", StringComparison.Ordinal).Replace("$route", ".*", StringComparison.Ordinal).Replace("$model", ".*", StringComparison.Ordinal);
            if (promQl.StartsWith("label_values(", StringComparison.Ordinal))
            {
                // Grafana's own function: Prometheus sees its metric selector.
                promQl = promQl["label_values(".Length..promQl.LastIndexOf(',')];
            }

            await prometheus.QueryAsync(promQl);
        }
    }

    private static List<string> Queries(JsonNode dashboard)
    {
        var queries = new List<string>();
        foreach (var panel in dashboard["panels"]!.AsArray())
        {
            foreach (var target in panel!["targets"]?.AsArray() ?? [])
            {
                queries.Add(target!["expr"]!.GetValue<string>());
            }
        }

        foreach (var variable in dashboard["templating"]!["list"]!.AsArray())
        {
            if (variable!["type"]!.GetValue<string>() == "query")
            {
                queries.Add(variable["query"]!["query"]!.GetValue<string>());
            }
        }

        return queries;
    }

    // Every series the dashboard reads is one of the gateway's kong_* families (or their _bucket/_count/_sum).
    [GeneratedRegex(@"\bkong_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
