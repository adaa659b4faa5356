using Gateway.Integration.Tests.Plugins.AiProxy;

namespace Gateway.Integration.Tests.Plugins.Prometheus;

/// <summary>
/// The AI series from Claude Code-shaped traffic through ai-proxy at the mock Anthropic server: Kong's
/// <c>kong_ai_llm_*</c> families and labels, the cache token types Kong folds away, stream TTFT and time per output
/// token, and the bounded client label.
/// </summary>
public sealed class PrometheusAiMetricsTests
{
    private static readonly string[] Prices = ["input_cost: 3", "output_cost: 15", "cache_read_cost: 0.3", "cache_write_cost: 3.75"];

    private static AiProxySetup Setup(params string[] extraConfig) => new()
    {
        Options = Prices,
        Plugins = ["- name: prometheus", "  config:", "    ai_metrics: true", "    status_code_metrics: true", .. extraConfig.Select(l => "    " + l)],
        Arguments = PrometheusGateway.StatusListener,
    };

    private static (string, string)[] AiLabels(string mode) =>
    [
        ("ai_provider", "anthropic"), ("ai_model", AiProxySetup.Model), ("cache_status", ""), ("vector_db", ""),
        ("embeddings_provider", ""), ("embeddings_model", ""), ("request_mode", mode), ("workspace", "default"), ("consumer", ""),
    ];

    private static (string, string)[] TokenLabels(string type) =>
    [
        ("ai_provider", "anthropic"), ("ai_model", AiProxySetup.Model), ("cache_status", ""), ("vector_db", ""),
        ("embeddings_provider", ""), ("embeddings_model", ""), ("token_type", type), ("workspace", "default"), ("consumer", ""),
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ClaudeCodeCall_TokensByTypeAndCost_EqualTheMocksUsageAndTheLogLine(bool stream)
    {
        await using var h = await AiProxyHarness.StartAsync(Setup());

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:slow-first-token:20]] [[mock:deltas:5]]", stream));
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(200, (int)response.StatusCode);
        var usage = (await h.SingleRecordedAsync()).ResponseUsage!;
        var logged = (await h.LogEntryAsync(response))["ai"]!["proxy"]!["usage"]!;

        var metrics = await PrometheusGateway.ScrapeUntilAsync(h.Gateway, m => m.Sum("kong_ai_llm_requests_total") >= 1);
        var prompt = usage.InputTokens + usage.CacheReadInputTokens + usage.CacheCreationInputTokens;
        Assert.True(usage.CacheReadInputTokens > 0 || usage.CacheCreationInputTokens > 0, "the mock reported no cache tokens: the test would prove nothing about them");
        Assert.Equal(prompt, metrics.Single("kong_ai_llm_tokens_total", TokenLabels("prompt_tokens")));
        Assert.Equal(usage.OutputTokens, metrics.Single("kong_ai_llm_tokens_total", TokenLabels("completion_tokens")));
        Assert.Equal(prompt + usage.OutputTokens, metrics.Single("kong_ai_llm_tokens_total", TokenLabels("total_tokens")));
        Assert.Equal(usage.CacheReadInputTokens, metrics.Sum("kong_ai_llm_tokens_total", TokenLabels("cache_read_tokens")));
        Assert.Equal(usage.CacheCreationInputTokens, metrics.Sum("kong_ai_llm_tokens_total", TokenLabels("cache_write_tokens")));
        var mode = stream ? "stream" : "oneshot";
        Assert.Equal(1, metrics.Single("kong_ai_llm_requests_total", AiLabels(mode)));
        var expectedCost = ((usage.InputTokens * 3.0) + (usage.OutputTokens * 15.0) + (usage.CacheReadInputTokens * 0.3) + (usage.CacheCreationInputTokens * 3.75)) / 1_000_000;
        Assert.Equal(expectedCost, metrics.Single("kong_ai_llm_cost_total", AiLabels(mode)), 12);
        Assert.Equal(logged["cost"]!.GetValue<double>(), metrics.Single("kong_ai_llm_cost_total", AiLabels(mode)), 12);
        Assert.Equal(1, metrics.Single("kong_ai_llm_provider_latency_ms_count", AiLabels(mode)));
        // Time to first token and per output token are stream measures.
        Assert.Equal(stream ? 1 : 0, metrics.Sum("kong_ai_llm_time_to_first_token_ms_count", AiLabels(mode)));
        Assert.Equal(stream ? 1 : 0, metrics.Sum("kong_ai_llm_time_per_output_token_ms_count", AiLabels(mode)));
        Assert.Equal(1, metrics.Single("kong_http_requests_total", ("service", "example-service"), ("route", "example-route"), ("code", "200"), ("source", "service"), ("workspace", "default"), ("consumer", "")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AiProxyNotLoggingStatistics_TokensAreStillTheMocksUsage(bool stream)
    {
        // ai-proxy publishes the usage whatever log_statistics says; it used to read the body only when logging,
        // and published zeros otherwise.
        await using var h = await AiProxyHarness.StartAsync(Setup() with { LogStatistics = false });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:deltas:5]]", stream));
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(200, (int)response.StatusCode);
        var usage = (await h.SingleRecordedAsync()).ResponseUsage!;

        var metrics = await PrometheusGateway.ScrapeUntilAsync(h.Gateway, m => m.Sum("kong_ai_llm_requests_total") >= 1);
        Assert.Equal(usage.InputTokens + usage.CacheReadInputTokens + usage.CacheCreationInputTokens, metrics.Single("kong_ai_llm_tokens_total", TokenLabels("prompt_tokens")));
        Assert.Equal(usage.OutputTokens, metrics.Single("kong_ai_llm_tokens_total", TokenLabels("completion_tokens")));
        Assert.Equal(usage.CacheReadInputTokens, metrics.Sum("kong_ai_llm_tokens_total", TokenLabels("cache_read_tokens")));
    }

    [Fact]
    public async Task StreamedCall_TimeToFirstToken_IsTheOneTheLogLineReports()
    {
        await using var h = await AiProxyHarness.StartAsync(Setup());

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:slow-first-token:20]] [[mock:deltas:8]]", stream: true));
        await response.Content.ReadAsByteArrayAsync();
        var logged = (await h.LogEntryAsync(response))["ai"]!["proxy"]!["usage"]!;

        var metrics = await PrometheusGateway.ScrapeUntilAsync(h.Gateway, m => m.Sum("kong_ai_llm_time_to_first_token_ms_count") >= 1);
        // The log line rounds to whole milliseconds; the histogram keeps the fraction.
        Assert.Equal(logged["time_to_first_token"]!.GetValue<long>(), metrics.Single("kong_ai_llm_time_to_first_token_ms_sum", AiLabels("stream")), 0.51);
    }

    [Fact]
    public async Task SessionClientLabel_PastTheLimit_CountsLaterSessionsAsOther()
    {
        await using var h = await AiProxyHarness.StartAsync(Setup("ai_client_label: session", "ai_client_label_limit: 2"));

        string[] sessions = ["s-1", "s-2", "s-3", "s-4", "s-1", "spaces and \"quotes\" are not label-safe"];
        foreach (var session in sessions)
        {
            using var request = ClaudeCodeRequest.Messages("hi", stream: false);
            request.Headers.TryAddWithoutValidation("x-claude-code-session-id", session);
            using var response = await h.Client.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }

        using (var anonymous = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi", stream: false)))
        {
            Assert.Equal(200, (int)anonymous.StatusCode);
        }

        var metrics = await PrometheusGateway.ScrapeUntilAsync(h.Gateway, m => m.Sum("kong_ai_llm_client_requests_total") >= 7);
        var clients = metrics.Samples().Where(s => s.Name == "kong_ai_llm_client_requests_total").ToDictionary(s => s.Labels["client"], s => s.Value);
        Assert.Equal(new Dictionary<string, double> { ["s-1"] = 2, ["s-2"] = 1, ["other"] = 3, [""] = 1 }, clients);
        Assert.Equal(metrics.Sum("kong_ai_llm_tokens_total", ("token_type", "total_tokens")), metrics.Sum("kong_ai_llm_client_tokens_total", ("token_type", "total_tokens")));
        Assert.Equal(metrics.Sum("kong_ai_llm_cost_total"), metrics.Sum("kong_ai_llm_client_cost_total"), 12);
    }

    [Fact]
    public async Task UserAgentClientLabel_IsTheProductNameOfTheUserAgent()
    {
        await using var h = await AiProxyHarness.StartAsync(Setup("ai_client_label: user_agent"));

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi", stream: false));
        Assert.Equal(200, (int)response.StatusCode);

        var metrics = await PrometheusGateway.ScrapeUntilAsync(h.Gateway, m => m.Sum("kong_ai_llm_client_requests_total") >= 1);
        Assert.Equal(1, metrics.Single("kong_ai_llm_client_requests_total", ("ai_provider", "anthropic"), ("ai_model", AiProxySetup.Model), ("client", "claude-cli")));
    }

    [Fact]
    public async Task AiMetricsOff_RecordsNoAiSeries()
    {
        await using var h = await AiProxyHarness.StartAsync(Setup() with
        {
            Plugins = ["- name: prometheus", "  config:", "    status_code_metrics: true"],
        });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi", stream: false));
        Assert.Equal(200, (int)response.StatusCode);

        var metrics = await PrometheusGateway.ScrapeUntilAsync(h.Gateway, m => m.Sum("kong_http_requests_total") >= 1);
        Assert.Equal(0, metrics.Sum("kong_ai_llm_requests_total"));
        Assert.Equal(0, metrics.Sum("kong_ai_llm_tokens_total"));
    }

    [Theory]
    [InlineData("ai_client_label: session", "config.ai_client_label: needs ai_metrics: true")]
    [InlineData("ai_client_label_limit: 0", "config.ai_client_label_limit: must be between 1 and 10000")]
    public async Task BadConfig_IsAStartupErrorNamingTheField(string line, string expected)
    {
        var setup = Setup() with { Plugins = ["- name: prometheus", "  config:", "    " + line] };

        var error = await Assert.ThrowsAsync<Gateway.Host.Loading.GatewayStartupException>(() => AiProxyHarness.StartAsync(setup));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
