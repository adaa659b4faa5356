using System.Text;
using System.Text.Json;
using Gateway.Plugins.AiRateLimitingAdvanced.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Enforcement;

/// <summary>
/// Kong's rule over time, through the real gateway with a manual clock: the request that crosses a limit passes, the
/// next is refused until the window lets it through again. Each call's usage comes from its upstream reply
/// (<see cref="TestUsagePlugin"/>); Redis and the mock Anthropic server are in Integration.Tests.
/// </summary>
public sealed class BudgetFlowTests
{
    private const string Remaining = "X-AI-RateLimit-Remaining-minute-anthropic";
    private const string DenialJson = """{"message":"AI token rate limit exceeded for provider(s): anthropic"}""";

    // A minute boundary, so window positions below are exact.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_040));

    private Task<BudgetGateway> StartAsync(string config) => BudgetGateway.StartAsync(_time, BudgetGateway.Budget(config));

    [Fact]
    public async Task Fixed_CrossingRequestPasses_NextIsRefusedUntilTheWindowEnds()
    {
        await using var gateway = await StartAsync(BudgetGateway.Config("fixed"));

        var first = await gateway.SendAsync(600);
        var crossing = await gateway.SendAsync(600);
        _time.Advance(TimeSpan.FromSeconds(20));
        var refused = await gateway.SendAsync(600);

        Assert.Equal(200, first.Status);
        Assert.Equal("1000", first.Header(Remaining));
        Assert.Equal(200, crossing.Status);
        Assert.Equal("400", crossing.Header(Remaining));
        Assert.Equal(429, refused.Status);
        Assert.Equal(DenialJson, refused.Body);
        Assert.Equal("0", refused.Header(Remaining));
        Assert.Equal("40", refused.Header("X-AI-RateLimit-Reset"));
        Assert.Equal("40", refused.Header("X-AI-RateLimit-Retry-After"));
        Assert.Equal("40", refused.Header("Retry-After"));
        Assert.Equal("40", refused.Header("X-AI-RateLimit-Reset-minute-anthropic"));
        // The refusal is the gateway's own answer: the upstream saw the two admitted calls only.
        Assert.Equal(2, gateway.Gateway.UpstreamRequests.Count);

        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(200, (await gateway.SendAsync(1)).Status);
    }

    [Fact]
    public async Task Fixed_ExactlyAtTheLimit_IsStillAdmitted()
    {
        await using var gateway = await StartAsync(BudgetGateway.Config("fixed"));

        await gateway.SendAsync(1000);

        Assert.Equal(200, (await gateway.SendAsync(1)).Status);
        Assert.Equal(429, (await gateway.SendAsync(1)).Status);
    }

    [Fact]
    public async Task Sliding_PreviousWindowKeepsRefusingWhileItsWeightIsOverTheLimit()
    {
        await using var gateway = await StartAsync(BudgetGateway.Config("sliding"));
        await gateway.SendAsync(2000);

        // 30 s into the next window the estimate is 2000 × 30/60 = 1000: not over, admitted.
        _time.Advance(TimeSpan.FromSeconds(75));
        var stillOver = await gateway.SendAsync(0);
        _time.Advance(TimeSpan.FromSeconds(15));
        var admitted = await gateway.SendAsync(0);

        Assert.Equal(429, stillOver.Status);
        // 45 s left in the window, plus (1500 − 1000) / (1500 + 1000) × 60 = 12 s.
        Assert.Equal("57", stillOver.Header("X-AI-RateLimit-Reset"));
        Assert.Equal(200, admitted.Status);
        Assert.Equal("0", admitted.Header(Remaining));
    }

    [Fact]
    public async Task Refused_RequestCountsNothing()
    {
        await using var gateway = await StartAsync(BudgetGateway.Config("fixed", limit: 10));
        await gateway.SendAsync(11);
        var refused = await gateway.SendAsync(500);

        Assert.Equal(429, refused.Status);
        _time.Advance(TimeSpan.FromSeconds(60));
        var next = await gateway.SendAsync(0);
        Assert.Equal("10", next.Header(Remaining));
    }

    [Fact]
    public async Task Identifier_EachClientHasItsOwnBudget()
    {
        await using var gateway = await StartAsync(BudgetGateway.Config("fixed", limit: 10));
        await gateway.SendAsync(11, clientIp: "127.0.0.2");

        Assert.Equal(429, (await gateway.SendAsync(1, clientIp: "127.0.0.2")).Status);
        Assert.Equal(200, (await gateway.SendAsync(1, clientIp: "127.0.0.3")).Status);
    }

    [Fact]
    public async Task Identifier_Consumer_EachConsumerHasItsOwnBudget_FromTheSameAddress()
    {
        const string consumers = """
            consumers:
              - username: alice
                keyauth_credentials:
                  - key: alice-key
              - username: bob
                keyauth_credentials:
                  - key: bob-key
            """;
        var config = BudgetGateway.Config("fixed", limit: 10, identifier: "consumer");
        await using var gateway = await BudgetGateway.StartAsync(_time, BudgetGateway.Entry("key-auth", "{}") + BudgetGateway.Budget(config), consumers);
        static Action<HttpRequestMessage> As(string key) => request => request.Headers.Add("apikey", key);

        await gateway.SendAsync(11, change: As("alice-key"));

        Assert.Equal(429, (await gateway.SendAsync(1, change: As("alice-key"))).Status);
        Assert.Equal(200, (await gateway.SendAsync(1, change: As("bob-key"))).Status);
    }

    [Fact]
    public async Task Cost_CountsFractionsAndShowsAnUnflooredRemaining()
    {
        await using var gateway = await StartAsync(BudgetGateway.Config("fixed", limit: 1, strategy: "cost"));
        await gateway.SendAsync(10, cost: 0.375);

        var next = await gateway.SendAsync(10, cost: 0.375);

        Assert.Equal("0.625", next.Header(Remaining));
    }

    [Fact]
    public async Task Refusal_WithoutAiProxy_IsKongsPlainJsonMessage()
    {
        await using var gateway = await StartAsync(BudgetGateway.Config("fixed", limit: 10));
        await gateway.SendAsync(11);

        var refused = await gateway.SendAsync(1);

        Assert.Equal(429, refused.Status);
        Assert.StartsWith("application/json", refused.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(DenialJson, refused.Body);
    }

    [Fact]
    public async Task Refusal_OnAnAiProxyRoute_UsesAnthropicsRateLimitErrorShape()
    {
        // The real ai-proxy on the route: the first call's usage (6 + 5 tokens) is what ai-proxy read from the
        // provider's reply, and the refusal must look like Anthropic's own 429 to Claude Code.
        const string aiProxy = """
            {"route_type": "llm/v1/chat", "llm_format": "anthropic",
             "auth": {"header_name": "x-api-key", "header_value": "sk-ant-test"},
             "model": {"provider": "anthropic", "name": "claude-sonnet-4-5-20250929",
                       "options": {"anthropic_version": "2023-06-01", "upstream_url": "${{ env "DECK_UPSTREAM_URL" }}"}}}
            """;
        var plugins = BudgetGateway.Entry("ai-proxy", aiProxy.ReplaceLineEndings(" ")) + BudgetGateway.Budget(BudgetGateway.Config("fixed", limit: 10));
        await using var gateway = await BudgetGateway.StartAsync(_time, plugins, upstream: AnthropicMessage);

        var admitted = await gateway.SendAsync(Messages());
        var refused = await gateway.SendAsync(Messages());

        Assert.Equal(200, admitted.Status);
        Assert.Equal(429, refused.Status);
        using var body = JsonDocument.Parse(refused.Body);
        Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("rate_limit_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("AI token rate limit exceeded for provider(s): anthropic", body.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Single(gateway.Gateway.UpstreamRequests);
    }

    [Fact]
    public async Task HideClientHeaders_KeepsOnlyTheRetryHeadersOfARefusal()
    {
        await using var gateway = await StartAsync(BudgetGateway.Config("fixed", limit: 10, hide: true));
        var admitted = await gateway.SendAsync(11);
        var refused = await gateway.SendAsync(1);

        Assert.Equal(200, admitted.Status);
        Assert.Empty(admitted.RateLimitHeaderNames);
        Assert.Equal(429, refused.Status);
        Assert.Equal(["Retry-After", "X-AI-RateLimit-Reset", "X-AI-RateLimit-Retry-After"], refused.RateLimitHeaderNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SeveralWindows_EachHasItsHeadersAndTheTightestRefuses()
    {
        await using var gateway = await StartAsync(BudgetGateway.Config("fixed", limits: "[100, 10000]", windows: "[60, 3600]"));
        await gateway.SendAsync(150);

        var refused = await gateway.SendAsync(1);

        Assert.Equal(429, refused.Status);
        Assert.Equal("100", refused.Header("X-AI-RateLimit-Limit-minute-anthropic"));
        Assert.Equal("10000", refused.Header("X-AI-RateLimit-Limit-hour-anthropic"));
        Assert.Equal("9850", refused.Header("X-AI-RateLimit-Remaining-hour-anthropic"));
        Assert.Equal("60", refused.Header("X-AI-RateLimit-Reset-minute-anthropic"));
        Assert.Null(refused.Header("X-AI-RateLimit-Reset-hour-anthropic"));
    }

    [Fact]
    public async Task UsageOfAnotherProvider_CountsNothing()
    {
        await using var gateway = await StartAsync(BudgetGateway.Config("fixed", limit: 10, provider: "openai"));
        await gateway.SendAsync(500);

        Assert.Equal(200, (await gateway.SendAsync(1)).Status);
    }

    private static HttpRequestMessage Messages() =>
        new(HttpMethod.Post, $"{BudgetGateway.RoutePath}/v1/messages")
        {
            Content = new StringContent(
                """{"model":"claude-sonnet-4-5-20250929","messages":[{"role":"user","content":"hi"}],"max_tokens":16}""",
                Encoding.UTF8, "application/json"),
        };

    private static Task AnthropicMessage(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync("""
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"text","text":"hello"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":6,"output_tokens":5}}
            """);
    }
}
