using Gateway.Plugins.AiProxy.Request;
using Microsoft.AspNetCore.Http;
using static Gateway.Plugins.AiProxy.Tests.Support.AiProxyGateway;

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
        await using var gateway = await StartAsync();

        await gateway.SendAsync(ClaudeCodeRequest());

        Assert.Equal("identity", Assert.Single(gateway.UpstreamRequests).Headers["Accept-Encoding"]);
    }

    [Fact]
    public async Task Access_OneShotFromGzipClient_AllowsGzip()
    {
        await using var gateway = await StartAsync();

        await gateway.SendAsync(ClaudeCodeRequest(body: OneShotBody));

        Assert.Equal("gzip, identity", Assert.Single(gateway.UpstreamRequests).Headers["Accept-Encoding"]);
    }
}
