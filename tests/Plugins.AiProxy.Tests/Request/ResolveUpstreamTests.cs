using Gateway.Plugins.AiProxy.Request;

namespace Gateway.Plugins.AiProxy.Tests.Request;

public sealed class ResolveUpstreamTests
{
    public static TheoryData<string?, string, string, string, string, int, string> Rows => new()
    {
        // upstream_url, path after route, kind, scheme, host, port, upstream path
        { null, "/v1/messages", "Messages", "https", "api.anthropic.com", 443, "/v1/messages" },
        { null, "/v1/messages/count_tokens", "CountTokens", "https", "api.anthropic.com", 443, "/v1/messages/count_tokens" },
        { null, "/v1/models", "Models", "https", "api.anthropic.com", 443, "/v1/models" },
        { null, "/v1/models/claude-sonnet-4-5", "Models", "https", "api.anthropic.com", 443, "/v1/models/claude-sonnet-4-5" },
        { null, "/v1/messages/batches", "Other", "https", "api.anthropic.com", 443, "/v1/messages/batches" },
        { null, "/", "Messages", "https", "api.anthropic.com", 443, "/v1/messages" },
        { null, "/chat", "Messages", "https", "api.anthropic.com", 443, "/v1/messages" },
        { null, "/v2/messages", "Messages", "https", "api.anthropic.com", 443, "/v1/messages" },
        { null, "/v1", "Messages", "https", "api.anthropic.com", 443, "/v1/messages" },
        // upstream_url without a path: scheme, host and port only; default port by scheme.
        { "http://127.0.0.1:9999", "/v1/messages", "Messages", "http", "127.0.0.1", 9999, "/v1/messages" },
        { "http://mock", "/v1/messages", "Messages", "http", "mock", 80, "/v1/messages" },
        { "https://mock/", "/v1/models", "Models", "https", "mock", 443, "/v1/models" },
        // Kong style with a path: used for Messages calls; other /v1/ calls keep their own path on that host.
        { "https://proxy.internal:8443/anthropic/v1/messages", "/v1/messages", "Messages", "https", "proxy.internal", 8443, "/anthropic/v1/messages" },
        { "https://proxy.internal:8443/anthropic/v1/messages", "/anything-else", "Messages", "https", "proxy.internal", 8443, "/anthropic/v1/messages" },
        { "https://proxy.internal:8443/anthropic/v1/messages", "/v1/messages/count_tokens", "CountTokens", "https", "proxy.internal", 8443, "/v1/messages/count_tokens" },
        { "https://proxy.internal:8443/anthropic/v1/messages", "/v1/models", "Models", "https", "proxy.internal", 8443, "/v1/models" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Apply_PathAndUpstreamUrl_TargetsExpectedUpstream(string? upstreamUrl, string path, string kind,
        string scheme, string host, int port, string upstreamPath)
    {
        var target = new UpstreamTarget
        {
            Scheme = "http", Host = "httpbin.konghq.com", Port = 80, Path = "/anything/v1/messages", Query = "?beta=true",
            PreserveHost = true,
        };

        var actualKind = ResolveUpstream.Classify(path);
        ResolveUpstream.Apply(target, actualKind, path, UpstreamEndpoint.Parse(upstreamUrl));

        Assert.Equal(Enum.Parse<RequestKind>(kind), actualKind);
        Assert.Equal((scheme, host, port, upstreamPath), (target.Scheme, target.Host, target.Port, target.Path));
        Assert.Equal("?beta=true", target.Query); // the client's query string is kept
        Assert.False(target.PreserveHost);
    }
}
