using System.Net;
using Gateway.Plugins.AiRateLimitingAdvanced.Configuration;
using Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;
using Gateway.TestCommon;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Enforcement;

/// <summary>Kong's identifier rules (reference §4.2): consumer, else credential; anything that yields nothing is the
/// client IP.</summary>
public sealed class ResolveIdentifierTests
{
    private static FakePluginContext Context(AiRateLimitingAdvancedConfig config, string path = "/anything/v1/messages")
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.7");
        http.Request.Path = path;
        http.Request.Headers["x-team"] = "platform";
        return new FakePluginContext(config, http);
    }

    private static AiRateLimitingAdvancedConfig Config(string identifier, string? header = null, string? path = null) => new()
    {
        LlmProviders = [new LlmProviderConfig { Name = "anthropic", Limit = [1], WindowSize = [60] }],
        Identifier = identifier,
        HeaderName = header,
        Path = path,
    };

    [Fact]
    public void Consumer_Authenticated_IsTheConsumersId()
    {
        var config = Config(Identifiers.Consumer);
        var context = Context(config);
        context.AuthenticatedConsumer = new Consumer("c-1", "alice", null);
        context.AuthenticatedCredentialId = "cred-1";

        Assert.Equal("c-1", ResolveIdentifier.Run(context, config));
    }

    [Fact]
    public void Consumer_NoneAuthenticated_FallsBackToTheClientIp() =>
        Assert.Equal("192.0.2.7", ResolveIdentifier.Run(Context(Config(Identifiers.Consumer)), Config(Identifiers.Consumer)));

    [Fact]
    public void Credential_IsTheCredentialsId()
    {
        var config = Config(Identifiers.Credential);
        var context = Context(config);
        context.AuthenticatedConsumer = new Consumer("c-1", "alice", null);
        context.AuthenticatedCredentialId = "cred-1";

        Assert.Equal("cred-1", ResolveIdentifier.Run(context, config));
    }

    [Fact]
    public void Header_IsTheHeadersValue_OrTheIpWithoutIt()
    {
        Assert.Equal("platform", ResolveIdentifier.Run(Context(Config(Identifiers.Header, header: "x-team")), Config(Identifiers.Header, header: "x-team")));
        Assert.Equal("192.0.2.7", ResolveIdentifier.Run(Context(Config(Identifiers.Header, header: "x-other")), Config(Identifiers.Header, header: "x-other")));
    }

    [Fact]
    public void Path_CountsOnlyTheExactPath()
    {
        var config = Config(Identifiers.Path, path: "/anything/v1/messages");

        Assert.Equal("/anything/v1/messages", ResolveIdentifier.Run(Context(config), config));
        Assert.Equal("192.0.2.7", ResolveIdentifier.Run(Context(config, "/anything/v1/messages/count_tokens"), config));
    }

    [Fact]
    public void Service_WithoutAService_FallsBackToTheClientIp() =>
        Assert.Equal("192.0.2.7", ResolveIdentifier.Run(Context(Config(Identifiers.Service)), Config(Identifiers.Service)));
}
