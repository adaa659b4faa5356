using System.Text.Json;
using Gateway.Plugins.AiRateLimitingAdvanced.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Enforcement;

/// <summary>Kong's identifier rules (reference §4.2), on the host's real request context: consumer, else credential
/// (both set by the real key-auth from decK consumers); anything that yields nothing is the client IP. The resolved
/// identifier is read from the log entry (<see cref="IdentifierProbePlugin"/>); the budget tests show each identifier
/// keeps its own budget.</summary>
public sealed class ResolveIdentifierTests
{
    private const string ClientIp = "127.0.0.7";
    private const string ConsumerId = "c0000000-0000-4000-8000-000000000001";
    private const string CredentialId = "c0000000-0000-4000-8000-000000000002";
    private const string ServiceId = "5e9a2c1e-0000-4000-8000-000000000001";

    private const string Consumers = $$"""
        consumers:
          - id: {{ConsumerId}}
            username: alice
            keyauth_credentials:
              - id: {{CredentialId}}
                key: alice-key
        """;

    private static string Config(string identifier, string? header = null, string? path = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["llm_providers"] = new[] { new Dictionary<string, object> { ["name"] = "anthropic", ["limit"] = new[] { 1 }, ["window_size"] = new[] { 60 } } },
            ["identifier"] = identifier,
            ["header_name"] = header,
            ["path"] = path,
        });

    /// <summary>The identifier the budget would count <paramref name="path"/> under, sent from <see cref="ClientIp"/>
    /// with <c>x-team: platform</c> and, when given, key-auth's <c>apikey</c>.</summary>
    private static async Task<string?> ResolveAsync(string config, string path = "/anything/v1/messages", bool keyAuth = false, string? apiKey = null)
    {
        var plugins = (keyAuth ? BudgetGateway.Entry("key-auth", "{}") : string.Empty) + BudgetGateway.Entry("identifier-probe", config);
        await using var gateway = await BudgetGateway.StartAsync(new FakeTimeProvider(), plugins, keyAuth ? Consumers : string.Empty,
            configure: o => o.AddPlugin<IdentifierProbePlugin>());
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-team", "platform");
        if (apiKey is not null)
        {
            request.Headers.Add("apikey", apiKey);
        }

        var reply = await gateway.SendAsync(request, ClientIp);
        Assert.Equal(200, reply.Status);
        return reply.LogEntry.TryGetProperty(IdentifierProbePlugin.LogField, out var value) ? value.GetString() : null;
    }

    [Fact]
    public async Task Consumer_Authenticated_IsTheConsumersId() =>
        Assert.Equal(ConsumerId, await ResolveAsync(Config("consumer"), keyAuth: true, apiKey: "alice-key"));

    [Fact]
    public async Task Consumer_NoneAuthenticated_FallsBackToTheClientIp() =>
        Assert.Equal(ClientIp, await ResolveAsync(Config("consumer")));

    [Fact]
    public async Task Credential_IsTheCredentialsId() =>
        Assert.Equal(CredentialId, await ResolveAsync(Config("credential"), keyAuth: true, apiKey: "alice-key"));

    [Fact]
    public async Task Header_IsTheHeadersValue_OrTheIpWithoutIt()
    {
        Assert.Equal("platform", await ResolveAsync(Config("header", header: "x-team")));
        Assert.Equal(ClientIp, await ResolveAsync(Config("header", header: "x-other")));
    }

    [Fact]
    public async Task Path_CountsOnlyTheExactPath()
    {
        var config = Config("path", path: "/anything/v1/messages");

        Assert.Equal("/anything/v1/messages", await ResolveAsync(config));
        Assert.Equal(ClientIp, await ResolveAsync(config, "/anything/v1/messages/count_tokens"));
    }

    [Fact]
    public async Task Service_IsTheRoutesServiceId() =>
        Assert.Equal(ServiceId, await ResolveAsync(Config("service")));
}
