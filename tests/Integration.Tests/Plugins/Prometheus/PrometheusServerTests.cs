using Gateway.Integration.Tests.Plugins.AiProxy;

namespace Gateway.Integration.Tests.Plugins.Prometheus;

/// <summary>
/// A real Prometheus (Debian's package, installed by the test when missing) scrapes the gateway's status listener
/// while Claude Code-shaped traffic goes through ai-proxy to the mock; what Prometheus stored, asked through its own
/// query API, equals the mock's usage token type by token type, and the cost its prices give.
/// </summary>
public sealed class PrometheusServerTests
{
    [Fact]
    public async Task RealPrometheus_ScrapingClaudeCodeTraffic_StoresTheMocksTokensByTypeAndTheCost()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup
        {
            Options = ["input_cost: 3", "output_cost: 15", "cache_read_cost: 0.3", "cache_write_cost: 3.75"],
            Plugins = ["- name: prometheus", "  config:", "    ai_metrics: true", "    status_code_metrics: true", "    latency_metrics: true", "    bandwidth_metrics: true", "    ai_client_label: session"],
            Arguments = PrometheusGateway.StatusListener,
        });
        await using var prometheus = await PrometheusServer.StartAsync(h.Gateway.StatusUri!);

        // A Claude Code session (its first tokens take 20 ms, or a loopback mock's would round to 0 ms, which
        // ai-proxy reports as none): streamed turns with tool-use-sized answers, a non-streamed side call, a token count.
        var session = Guid.NewGuid().ToString();
        foreach (var (text, stream) in new[] { ("plan [[mock:slow-first-token:20]] [[mock:deltas:12]]", true), ("title", false), ("edit [[mock:slow-first-token:20]] [[mock:deltas:30]]", true), ("done [[mock:slow-first-token:20]] [[mock:deltas:3]]", true) })
        {
            using var request = ClaudeCodeRequest.Messages(text, stream);
            request.Headers.TryAddWithoutValidation("x-claude-code-session-id", session);
            using var response = await h.Client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(200, (int)response.StatusCode);
        }

        using (var count = await h.Client.SendAsync(ClaudeCodeRequest.Post("/anything/v1/messages/count_tokens?beta=true", ClaudeCodeRequest.Body(stream: false), acceptEncoding: null)))
        {
            Assert.Equal(200, (int)count.StatusCode);
        }

        var answered = h.Mock.Requests.Where(r => r.PathAndQuery.StartsWith("/v1/messages?", StringComparison.Ordinal)).Select(r => r.ResponseUsage!).ToList();
        Assert.Equal(4, answered.Count);
        var input = answered.Sum(u => (double)u.InputTokens);
        var cacheRead = answered.Sum(u => (double)u.CacheReadInputTokens);
        var cacheWrite = answered.Sum(u => (double)u.CacheCreationInputTokens);
        var output = answered.Sum(u => (double)u.OutputTokens);
        var expected = new Dictionary<string, double>
        {
            ["prompt_tokens"] = input + cacheRead + cacheWrite,
            ["completion_tokens"] = output,
            ["total_tokens"] = input + cacheRead + cacheWrite + output,
            ["cache_read_tokens"] = cacheRead,
            ["cache_write_tokens"] = cacheWrite,
        };
        var expectedCost = ((input * 3) + (output * 15) + (cacheRead * 0.3) + (cacheWrite * 3.75)) / 1_000_000;

        // Prometheus scrapes every second: wait until what it stored has caught up with the traffic.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Dictionary<string, double> tokens;
        while (true)
        {
            tokens = (await prometheus.QueryAsync("sum by (token_type) (kong_ai_llm_tokens_total{job=\"gateway\"})"))
                .ToDictionary(r => r.Labels["token_type"], r => r.Value);
            if (tokens.Count == expected.Count && expected.All(e => tokens[e.Key] == e.Value))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Prometheus never stored the mock's tokens; last: {string.Join(", ", tokens)}; expected: {string.Join(", ", expected)}\ntargets: {await prometheus.TargetsAsync()}\n{prometheus.Output}");
            await Task.Delay(250);
        }

        Assert.Equal(expected, tokens);
        var cost = Assert.Single(await prometheus.QueryAsync("sum(kong_ai_llm_cost_total)")).Value;
        Assert.Equal(expectedCost, cost, 9);
        var requests = (await prometheus.QueryAsync("sum by (request_mode) (kong_ai_llm_requests_total)")).ToDictionary(r => r.Labels["request_mode"], r => r.Value);
        Assert.Equal(new Dictionary<string, double> { ["stream"] = 3, ["oneshot"] = 1 }, requests);
        var bySession = Assert.Single(await prometheus.QueryAsync("sum by (client) (kong_ai_llm_client_tokens_total{token_type=\"total_tokens\"})"));
        Assert.Equal(session, bySession.Labels["client"]);
        Assert.Equal(expected["total_tokens"], bySession.Value);
        var ttftCount = Assert.Single(await prometheus.QueryAsync("sum(kong_ai_llm_time_to_first_token_ms_count)")).Value;
        Assert.Equal(3, ttftCount);
    }
}
