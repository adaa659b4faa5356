using System.Net;
using System.Text.Json;
using Gateway.Integration.Tests.Plugins.FileLog;
using Gateway.MockAnthropic;

namespace Gateway.Integration.Tests.Plugins.KeyAuth;

/// <summary>The team setup against the mock Anthropic server: key-auth with Claude Code's key names in front of
/// ai-proxy. The personal key identifies the developer and never reaches Anthropic; refusals are Anthropic-shaped.</summary>
public sealed class KeyAuthAiProxyTests : IDisposable
{
    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    private string Config(Uri mock) => AiGateway.Config(mock, _logs.File("claude.json")) + $$"""

          - name: key-auth
            config:
              key_names: [x-api-key, authorization]
        consumers:
          - username: alex
            keyauth_credentials: [{key: {{TeamConfig.AlexKey}}}]
        """;

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task PersonalKey_AsClaudeCodeSendsIt_IsAcceptedAndOnlyTheProviderKeyReachesAnthropic(bool xApiKey, bool bearer)
    {
        await using var mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions());
        await using var gateway = await GatewayTestHost.StartAsync(Config(mock.BaseUri));

        using var request = AiGateway.StreamingRequest();
        if (xApiKey)
        {
            request.Headers.Add("x-api-key", TeamConfig.AlexKey);
        }

        if (bearer)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TeamConfig.AlexKey);
        }

        using var response = await gateway.Client.SendAsync(request);
        var stream = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, stream);
        Assert.Contains("event: message_stop", stream, StringComparison.Ordinal);
        var sent = Assert.Single(mock.Requests);
        Assert.Equal(AiGateway.ProviderKey, sent.Headers["x-api-key"]);
        Assert.False(sent.Headers.ContainsKey("authorization"));
        Assert.DoesNotContain(sent.Headers, h => h.Value.Contains(TeamConfig.AlexKey, StringComparison.Ordinal));
        Assert.DoesNotContain(TeamConfig.AlexKey, sent.PathAndQuery + sent.Body, StringComparison.Ordinal);
        Assert.Equal("alex", sent.Headers["x-consumer-username"]);

        var line = Assert.Single(await LogFile.WaitForLinesAsync(_logs.File("claude.json"), 1));
        Assert.DoesNotContain(TeamConfig.AlexKey, line, StringComparison.Ordinal);
        Assert.DoesNotContain(AiGateway.ProviderKey, line, StringComparison.Ordinal);
        Assert.Equal("alex", JsonDocument.Parse(line).RootElement.GetProperty("consumer").GetProperty("username").GetString());
    }

    [Theory]
    [InlineData(null, "No API key found in request")]
    [InlineData("sk-ant-wrong", "Unauthorized")]
    public async Task BadOrMissingKey_OnAnAiProxyRoute_IsAnAnthropicAuthenticationError(string? key, string message)
    {
        await using var mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions());
        await using var gateway = await GatewayTestHost.StartAsync(Config(mock.BaseUri));

        using var request = AiGateway.StreamingRequest();
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Key", response.Headers.WwwAuthenticate.Single().ToString());
        Assert.Equal(
            JsonSerializer.Serialize(new { type = "error", error = new { type = "authentication_error", message } }),
            await response.Content.ReadAsStringAsync());
        Assert.Empty(mock.Requests);
    }
}
