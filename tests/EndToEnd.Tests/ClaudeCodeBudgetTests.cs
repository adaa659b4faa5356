using Gateway.EndToEnd.Tests.Infrastructure;

namespace Gateway.EndToEnd.Tests;

/// <summary>
/// The real Claude Code CLI against a budget (ai-rate-limiting-advanced on the tutorial's gateway): the first
/// question is answered; once the budget is spent the next one never reaches the provider and the CLI shows the
/// gateway's message, which comes in Anthropic's rate_limit_error shape because ai-proxy serves the route.
/// </summary>
[Collection(ClaudeCodeCollection.Name)]
public sealed class ClaudeCodeBudgetTests(ClaudeCodeInstallation cli)
{
    private const string Answer = "Four, said the mock behind the gateway.";
    private const string Question = "What is 2 + 2? [[mock:text:" + Answer + "]]";

    // One output token a day: the first answer (several tokens) spends it; without key-auth the budget is the
    // client IP's.
    private const string Budget = """
        _format_version: "3.0"
        plugins:
          - name: ai-rate-limiting-advanced
            config:
              identifier: ip
              tokens_count_strategy: completion_tokens
              window_type: fixed
              llm_providers:
                - name: anthropic
                  limit: [1]
                  window_size: [86400]
        """;

    // Per developer (key-auth's consumer): one output token a day each.
    private const string TeamBudget = """
        _format_version: "3.0"
        plugins:
          - name: ai-rate-limiting-advanced
            config:
              identifier: consumer
              tokens_count_strategy: completion_tokens
              llm_providers:
                - name: anthropic
                  limit: [1]
                  window_size: [86400]
        """;

    [Fact]
    public async Task PrintMode_PersonalKeyOverBudget_CliShowsTheMessageOthersStillServedAndNoKeyLogged()
    {
        await using var world = await TeamGateway.StartAsync([TeamBudget]);
        var bo = world.Keys["DECK_BO_GATEWAY_KEY"];
        var chen = world.Keys["DECK_CHEN_GATEWAY_KEY"];
        world.InstallApiKeyHelper(bo);

        var first = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home, apiKey: null), "-p", Question);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains(Answer, first.Stdout, StringComparison.Ordinal);

        var refused = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home, apiKey: null, maxRetries: 0), "-p", Question);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("AI token rate limit exceeded for provider(s): anthropic", refused.Stdout + refused.Stderr, StringComparison.Ordinal);

        // Chen has a budget of his own.
        world.InstallApiKeyHelper(chen);
        var other = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home, apiKey: null), "-p", Question);
        Assert.True(other.ExitCode == 0, other.ToString());

        Assert.Equal(["bo", "chen"], world.Mock.Requests.Select(r => r.Headers["x-consumer-username"]));
        var (fileLog, gatewayLog) = await world.StopAndReadLogsAsync();
        foreach (var key in world.Keys.Values)
        {
            Assert.DoesNotContain(key, fileLog + "\n" + gatewayLog, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PrintMode_OverBudget_CliShowsTheGatewaysRateLimitMessage()
    {
        await using var world = await TutorialGateway.StartAsync(extraYaml: [Budget]);

        var first = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home), "-p", Question);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains(Answer, first.Stdout, StringComparison.Ordinal);

        // No retries: the refusal's retry-after is up to a day, and the point is what the CLI shows.
        var refused = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home, maxRetries: 0), "-p", Question);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("AI token rate limit exceeded for provider(s): anthropic", refused.Stdout + refused.Stderr, StringComparison.Ordinal);
        Assert.Single(world.Mock.Requests);
        var (logText, log) = await world.StopAndReadLogAsync();
        Assert.Equal([200, 429], log.Select(l => (int)l["response"]!["status"]!));
        Assert.DoesNotContain(world.ApiKey, logText, StringComparison.Ordinal);
    }
}
