using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Tests.Support;
using static Gateway.Plugins.AiProxy.Tests.Support.PluginHarness;

namespace Gateway.Plugins.AiProxy.Tests.Request;

public sealed class CredentialTests
{
    [Fact]
    public async Task Access_DefaultAuth_ReplacesBothClientCredentialsWithTheKey()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);

        var headers = context.HttpContext.Request.Headers;
        Assert.Equal("sk-ant-test", headers["x-api-key"]);
        Assert.False(headers.ContainsKey("Authorization")); // Claude Code's dummy bearer never reaches Anthropic
        Assert.Contains("x-api-key", context.RedactedHeaders);
    }

    [Fact]
    public async Task Access_Always_SetsAnthropicVersionAndForwardsEverythingElse()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);

        var headers = context.HttpContext.Request.Headers;
        Assert.Equal("2023-06-01", headers["anthropic-version"]);
        Assert.Equal("claude-code-20250219,interleaved-thinking-2025-05-14", headers["anthropic-beta"]);
        Assert.Equal("claude-cli/2.1.328 (external, sdk-cli)", headers.UserAgent);
        Assert.Equal("600", headers["x-stainless-timeout"]);
    }

    [Fact]
    public async Task Access_AllowOverrideAndClientSentHeader_KeepsClientCredentials()
    {
        var config = With(c => c with { Auth = c.Auth with { AllowOverride = true } });

        var context = await AccessAsync(config);

        var headers = context.HttpContext.Request.Headers;
        Assert.Equal("x", headers["x-api-key"]);
        Assert.Equal("Bearer x", headers.Authorization);
        Assert.Contains("x-api-key", context.RedactedHeaders);
    }

    [Fact]
    public async Task Access_AllowOverrideButClientSentNoHeader_UsesTheKeyAndDropsAuthorization()
    {
        var config = With(c => c with { Auth = c.Auth with { AllowOverride = true } });
        var context = PluginHarness.NewRequest(config);
        context.HttpContext.Request.Headers.Remove("x-api-key");

        await Plugin.AccessAsync(context);

        var headers = context.HttpContext.Request.Headers;
        Assert.Equal("sk-ant-test", headers["x-api-key"]);
        Assert.False(headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Access_AuthorizationHeaderConfigured_ReplacesClientBearer()
    {
        var config = With(c => c with { Auth = new AuthConfig { HeaderName = "Authorization", HeaderValue = "Bearer real" } });

        var context = await AccessAsync(config);

        var headers = context.HttpContext.Request.Headers;
        Assert.Equal("Bearer real", headers.Authorization);
        Assert.False(headers.ContainsKey("x-api-key"));
        Assert.Contains("Authorization", context.RedactedHeaders);
    }

    [Fact]
    public async Task Access_NoAuthConfigured_PassesClientCredentials()
    {
        var context = await AccessAsync(With(c => c with { Auth = new AuthConfig() }));

        var headers = context.HttpContext.Request.Headers;
        Assert.Equal("x", headers["x-api-key"]);
        Assert.Equal("Bearer x", headers.Authorization);
        Assert.Equal("2023-06-01", headers["anthropic-version"]);
    }

    [Fact]
    public async Task Access_RejectedRequest_DoesNotInjectTheKey()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial, body: "not json");

        Assert.Equal("x", context.HttpContext.Request.Headers["x-api-key"]);
    }
}
