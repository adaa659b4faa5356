using System.Text.Json.Nodes;
using Gateway.EndToEnd.Tests.Infrastructure;

namespace Gateway.EndToEnd.Tests;

/// <summary>
/// The team setup with the real Claude Code CLI: apiKeyHelper prints a developer's personal gateway key,
/// key-auth identifies the developer, ai-proxy sends only the provider key to the mock Anthropic server.
/// </summary>
[Collection(ClaudeCodeCollection.Name)]
public sealed class ClaudeCodeTeamTests(ClaudeCodeInstallation cli)
{
    private const string Answer = "Team answer from the mock behind the gateway.";
    private const string Question = "Who am I? [[mock:text:" + Answer + "]]";

    [Fact]
    public async Task PrintMode_PersonalKeyFromApiKeyHelper_AnswersAsThatConsumerAndNoKeyReachesAnyLog()
    {
        await using var world = await TeamGateway.StartAsync();
        var personalKey = world.Keys["DECK_BO_GATEWAY_KEY"];
        world.InstallApiKeyHelper(personalKey);

        var result = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home, apiKey: null), "-p", Question);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Answer, result.Stdout, StringComparison.Ordinal);
        var upstream = Assert.Single(world.Mock.Requests);
        Assert.Equal(world.ProviderKey, upstream.Headers["x-api-key"]);
        Assert.False(upstream.Headers.ContainsKey("authorization"), "authorization reached the provider");
        Assert.Equal("bo", upstream.Headers["x-consumer-username"]);
        Assert.DoesNotContain(personalKey, string.Join('\n', upstream.Headers.Values) + upstream.PathAndQuery + upstream.Body, StringComparison.Ordinal);

        var (fileLog, gatewayLog) = await world.StopAndReadLogsAsync();
        var line = JsonNode.Parse(Assert.Single(fileLog.Split('\n', StringSplitOptions.RemoveEmptyEntries)))!;
        Assert.Equal("bo", (string?)line["consumer"]!["username"]);
        Assert.Equal("emp-002", (string?)line["consumer"]!["custom_id"]);
        Assert.Equal((string?)line["consumer"]!["id"], (string?)line["authenticated_entity"]!["consumer_id"]);
        Assert.Equal(200, (int)line["response"]!["status"]!);
        AssertNoKey(world, fileLog + "\n" + gatewayLog);
    }

    [Fact]
    public async Task PrintMode_WrongPersonalKey_CliShowsTheGatewaysUnauthorizedMessageAndNothingReachesAnthropic()
    {
        await using var world = await TeamGateway.StartAsync();
        // Someone's old key, one character off.
        var wrongKey = world.Keys["DECK_CHEN_GATEWAY_KEY"][..^1] + "#";
        world.InstallApiKeyHelper(wrongKey);

        var result = await world.RunClaudeAsync(cli, ClaudeCodeRun.Environment(world.BaseUrl, world.Home, apiKey: null), "-p", Question);

        Assert.True(result.ExitCode != 0, result.ToString());
        // 2.1.328 prints "Failed to authenticate. API Error: 401 Unauthorized" (key-auth's message; Kong's text is
        // also the status's reason phrase, so the body's shape is proven in Integration.Tests' KeyAuthAiProxyTests).
        Assert.Contains("API Error: 401 Unauthorized", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Empty(world.Mock.Requests);

        var (fileLog, gatewayLog) = await world.StopAndReadLogsAsync();
        var lines = fileLog.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            Assert.Equal(401, (int)line["response"]!["status"]!);
            Assert.Equal("kong", (string?)line["source"]);
            Assert.Null(line["consumer"]);
        });
        Assert.DoesNotContain(wrongKey, fileLog + gatewayLog, StringComparison.Ordinal);
        AssertNoKey(world, fileLog + "\n" + gatewayLog);
    }

    private static void AssertNoKey(TeamGateway world, string logs)
    {
        foreach (var (name, key) in world.Keys)
        {
            Assert.False(logs.Contains(key, StringComparison.Ordinal), $"{name} appears in a log line");
        }
    }
}
