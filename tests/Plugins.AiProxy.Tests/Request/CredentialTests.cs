using System.Text.Json.Nodes;
using Gateway.Plugins.Testing;
using static Gateway.Plugins.AiProxy.Tests.Support.AiProxyGateway;

namespace Gateway.Plugins.AiProxy.Tests.Request;

public sealed class CredentialTests
{
    /// <summary>The provider key never reaches the log entry; the credential header shows as redacted.</summary>
    private static async Task AssertKeyNotLoggedAsync(PluginTestGateway gateway, string header, string key)
    {
        var entry = await gateway.NextLogEntryAsync();
        Assert.DoesNotContain(key, entry.GetRawText(), StringComparison.Ordinal);
        var headers = entry.GetProperty("request").GetProperty("headers");
        Assert.Equal("REDACTED", headers.GetProperty(header.ToLowerInvariant()).GetString());
    }

    [Fact]
    public async Task Access_DefaultAuth_ReplacesBothClientCredentialsWithTheKey()
    {
        await using var gateway = await StartAsync();

        await gateway.SendAsync(ClaudeCodeRequest());

        var headers = Assert.Single(gateway.UpstreamRequests).Headers;
        Assert.Equal("sk-ant-test", headers["x-api-key"]);
        Assert.False(headers.ContainsKey("Authorization")); // Claude Code's dummy bearer never reaches Anthropic
        await AssertKeyNotLoggedAsync(gateway, "x-api-key", "sk-ant-test");
    }

    [Fact]
    public async Task Access_Always_SetsAnthropicVersionAndForwardsEverythingElse()
    {
        await using var gateway = await StartAsync();

        await gateway.SendAsync(ClaudeCodeRequest());

        var headers = Assert.Single(gateway.UpstreamRequests).Headers;
        Assert.Equal("2023-06-01", headers["anthropic-version"]);
        Assert.Equal("claude-code-20250219,interleaved-thinking-2025-05-14", headers["anthropic-beta"]);
        Assert.Equal("claude-cli/2.1.328 (external, sdk-cli)", headers["User-Agent"]);
        Assert.Equal("600", headers["x-stainless-timeout"]);
    }

    [Fact]
    public async Task Access_AllowOverrideAndClientSentHeader_KeepsClientCredentials()
    {
        await using var gateway = await StartAsync(Tutorial(c => c["auth"]!["allow_override"] = true));

        await gateway.SendAsync(ClaudeCodeRequest());

        var headers = Assert.Single(gateway.UpstreamRequests).Headers;
        Assert.Equal("x", headers["x-api-key"]);
        Assert.Equal("Bearer x", headers["Authorization"]);
        await AssertKeyNotLoggedAsync(gateway, "x-api-key", "sk-ant-test");
    }

    [Fact]
    public async Task Access_AllowOverrideButClientSentNoHeader_UsesTheKeyAndDropsAuthorization()
    {
        await using var gateway = await StartAsync(Tutorial(c => c["auth"]!["allow_override"] = true));

        await gateway.SendAsync(ClaudeCodeRequest(apiKey: false));

        var headers = Assert.Single(gateway.UpstreamRequests).Headers;
        Assert.Equal("sk-ant-test", headers["x-api-key"]);
        Assert.False(headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Access_AuthorizationHeaderConfigured_ReplacesClientBearer()
    {
        await using var gateway = await StartAsync(Tutorial(c => c["auth"] = new JsonObject { ["header_name"] = "Authorization", ["header_value"] = "Bearer real" }));

        await gateway.SendAsync(ClaudeCodeRequest());

        var headers = Assert.Single(gateway.UpstreamRequests).Headers;
        Assert.Equal("Bearer real", headers["Authorization"]);
        Assert.False(headers.ContainsKey("x-api-key"));
        await AssertKeyNotLoggedAsync(gateway, "Authorization", "Bearer real");
    }

    [Fact]
    public async Task Access_NoAuthConfigured_PassesClientCredentials()
    {
        await using var gateway = await StartAsync(Tutorial(c => c.Remove("auth")));

        await gateway.SendAsync(ClaudeCodeRequest());

        var headers = Assert.Single(gateway.UpstreamRequests).Headers;
        Assert.Equal("x", headers["x-api-key"]);
        Assert.Equal("Bearer x", headers["Authorization"]);
        Assert.Equal("2023-06-01", headers["anthropic-version"]);
    }

    [Fact]
    public async Task Access_RejectedRequest_DoesNotInjectTheKey()
    {
        await using var gateway = await StartAsync();

        var (response, _) = await gateway.SendAsync(ClaudeCodeRequest(body: "not json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Empty(gateway.UpstreamRequests);
        await AssertKeyNotLoggedAsync(gateway, "x-api-key", "sk-ant-test");
    }
}
