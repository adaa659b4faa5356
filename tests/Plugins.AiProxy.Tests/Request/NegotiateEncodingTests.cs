using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Tests.Support;
using Microsoft.AspNetCore.Http;
using static Gateway.Plugins.AiProxy.Tests.Support.PluginHarness;

namespace Gateway.Plugins.AiProxy.Tests.Request;

public sealed class NegotiateEncodingTests
{
    [Theory]
    [InlineData("gzip, deflate, br, zstd", true, "identity")]
    [InlineData("gzip, deflate, br, zstd", false, "gzip, identity")]
    [InlineData("br, zstd", false, "identity")]
    [InlineData("", false, "identity")]
    [InlineData("GZIP;q=0.5", false, "gzip, identity")]
    [InlineData("gzip;q=0, br", false, "identity")]
    [InlineData("*", false, "gzip, identity")]
    [InlineData("x-gzip", false, "gzip, identity")]
    public void Run_ClientAcceptEncoding_AsksUpstreamOnlyForReadableEncodings(string client, bool streaming, string upstream)
    {
        IHeaderDictionary headers = new HeaderDictionary();
        headers.AcceptEncoding = client;

        NegotiateEncoding.Run(headers, streaming);

        Assert.Equal(upstream, headers.AcceptEncoding);
    }

    [Fact]
    public async Task Access_ClaudeCodeStreamWithBrotli_AsksForIdentity()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial);

        Assert.Equal("identity", context.HttpContext.Request.Headers.AcceptEncoding);
    }

    [Fact]
    public async Task Access_OneShotFromGzipClient_AllowsGzip()
    {
        var context = await AccessAsync(ConfigBinder.Tutorial,
            body: """{"model":"claude-sonnet-4-5-20250929","messages":[1]}""");

        Assert.Equal("gzip, identity", context.HttpContext.Request.Headers.AcceptEncoding);
    }
}
