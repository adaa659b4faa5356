using System.Text.Json;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.MockAnthropic;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>No credential reaches the log file: the client's, and the provider key ai-proxy injects (which Kong
/// 3.13 logged in clear text).</summary>
public sealed class FileLogRedactionTests : IDisposable
{
    private static readonly string[] Secrets = ["client-secret", "client-key", "session=abc", "Basic xyz", AiGateway.ProviderKey];

    private readonly TempFolder _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Redaction_ClientCredentialsAndProviderKey_NeverInTheFile()
    {
        await using var mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions());
        await using var upstream = await TestUpstream.StartAsync();
        var path = _logs.File("claude.json");
        await using var gateway = await GatewayTestHost.StartAsync(AiGateway.Config(mock.BaseUri, path, echoPort: upstream.Port));

        using var plain = new HttpRequestMessage(HttpMethod.Get, "/plain/ok");
        AddClientSecrets(plain);
        using var plainResponse = await gateway.Client.SendAsync(plain);
        using var claude = AiGateway.StreamingRequest();
        AddClientSecrets(claude);
        using var claudeResponse = await gateway.Client.SendAsync(claude);
        await plainResponse.Content.ReadAsStringAsync();
        await claudeResponse.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)plainResponse.StatusCode);
        Assert.Equal(200, (int)claudeResponse.StatusCode);
        Assert.Equal(AiGateway.ProviderKey, Assert.Single(mock.Requests).Headers["x-api-key"]);

        var lines = await LogFile.WaitForLinesAsync(path, 2);
        var text = await File.ReadAllTextAsync(path);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        var entries = LogFile.Parse(lines).ToDictionary(LogFile.RequestId);
        var plainHeaders = entries[plainResponse.Headers.GetValues("X-Kong-Request-Id").Single()].GetProperty("request").GetProperty("headers");
        foreach (var name in new[] { "authorization", "x-api-key", "cookie", "proxy-authorization" })
        {
            Assert.Equal(LogEntryRedacted, plainHeaders.GetProperty(name).GetString());
        }

        // ai-proxy removed the client's authorization and replaced its x-api-key with the provider key.
        var claudeHeaders = entries[claudeResponse.Headers.GetValues("X-Kong-Request-Id").Single()].GetProperty("request").GetProperty("headers");
        Assert.Equal(LogEntryRedacted, claudeHeaders.GetProperty("x-api-key").GetString());
        Assert.Equal(LogEntryRedacted, claudeHeaders.GetProperty("cookie").GetString());
        Assert.Equal(LogEntryRedacted, claudeHeaders.GetProperty("proxy-authorization").GetString());
        Assert.True(!claudeHeaders.TryGetProperty("authorization", out var authorization) || authorization.GetString() == LogEntryRedacted);
    }

    [Fact]
    public async Task Redaction_CustomProviderAuthHeader_IsRedacted()
    {
        await using var mock = await MockAnthropicServer.StartAsync(new MockAnthropicOptions());
        var path = _logs.File("claude.json");
        await using var gateway = await GatewayTestHost.StartAsync(AiGateway.Config(mock.BaseUri, path, headerName: "x-provider-key"));

        using var request = AiGateway.StreamingRequest();
        using var response = await gateway.Client.SendAsync(request);
        await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(AiGateway.ProviderKey, Assert.Single(mock.Requests).Headers["x-provider-key"]);
        var entry = Assert.Single(LogFile.Parse(await LogFile.WaitForLinesAsync(path, 1)));
        Assert.DoesNotContain(AiGateway.ProviderKey, await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Equal(LogEntryRedacted, entry.GetProperty("request").GetProperty("headers").GetProperty("x-provider-key").GetString());
        Assert.Equal(JsonValueKind.Object, entry.GetProperty("ai").GetProperty("proxy").GetProperty("usage").ValueKind);
    }

    private const string LogEntryRedacted = "REDACTED";

    private static void AddClientSecrets(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("authorization", "Bearer client-secret");
        request.Headers.TryAddWithoutValidation("x-api-key", "client-key");
        request.Headers.TryAddWithoutValidation("cookie", "session=abc");
        request.Headers.TryAddWithoutValidation("proxy-authorization", "Basic xyz");
    }
}
