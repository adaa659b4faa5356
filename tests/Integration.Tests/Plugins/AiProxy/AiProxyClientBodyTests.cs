using System.Text.Json.Nodes;
using Gateway.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>
/// ai-proxy reads the body in access; a client that breaks it gets the same answer as on a plain route (the one
/// rule, ClientBodyTests), in Anthropic's shape: 400 for broken framing, 408 at the client body timeout, 499 in the
/// log when it leaves, and 413 the moment the body is known to be over the limit.
/// </summary>
public sealed class AiProxyClientBodyTests
{
    private const string Head = "POST /anything/v1/messages HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n";

    [Fact]
    public async Task Body_MalformedChunks_400InAnthropicShape()
    {
        await using var h = await AiProxyHarness.StartAsync();
        using var client = await RawClient.ConnectAsync(h.Gateway.BaseUri.Port);

        await client.SendAsync(Head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.NotNull(response);
        Assert.Equal(400, response.Status);
        Assert.Equal("""{"type":"error","error":{"type":"invalid_request_error","message":"Bad request"}}""", response.Body);
        var entry = await h.LogEntryAsync(response.Headers["x-kong-request-id"]);
        Assert.Equal(400, entry["response"]!["status"]!.GetValue<int>());
        AssertBlamedOnClient(h, 400);
    }

    [Fact]
    public async Task Body_StallsPastClientBodyTimeout_408AtTheTimeout()
    {
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Arguments = ["--client-body-timeout", "1"] });
        using var client = await RawClient.ConnectAsync(h.Gateway.BaseUri.Port);

        await client.SendAsync(Head + "Content-Length: 1000\r\n\r\n{\"model\":");
        var response = await client.ReadResponseAsync();

        Assert.NotNull(response);
        Assert.Equal(408, response.Status);
        Assert.InRange(response.At, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Equal("""{"type":"error","error":{"type":"api_error","message":"Request timeout"}}""", response.Body);
        Assert.Equal("close", response.Headers["connection"]);
        var entry = await h.LogEntryAsync(response.Headers["x-kong-request-id"]);
        Assert.Equal(408, entry["response"]!["status"]!.GetValue<int>());
        Assert.Empty(h.Mock.Requests);
        AssertBlamedOnClient(h, 408);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_ClientLeavesMidBody_Logged499(bool reset)
    {
        await using var h = await AiProxyHarness.StartAsync();
        using (var client = await RawClient.ConnectAsync(h.Gateway.BaseUri.Port))
        {
            await client.SendAsync(Head + "Content-Length: 1000\r\n\r\n{\"model\":");
            await Task.Delay(200);
            if (reset)
            {
                client.Reset();
            }
            else
            {
                client.Leave();
            }
        }

        var entry = await h.OnlyLogEntryAsync();

        Assert.Equal(499, entry["response"]!["status"]!.GetValue<int>());
        AiProxyUpstreamRequestTests.AssertZeroTokens(entry["ai"]!["proxy"]!["usage"]!);
        Assert.Empty(h.Mock.Requests);
        AssertBlamedOnClient(h, 499);
    }

    [Theory]
    [InlineData("Content-Length: 5000\r\n\r\n", 100)]
    [InlineData("Transfer-Encoding: chunked\r\n\r\n800\r\n", 2048)]
    public async Task BodyOverLimit_ClientPausesAfterwards_413AtOnce(string framing, int sent)
    {
        // Declared over the limit, or sent past it (one 2 KB chunk against 1 KB): the answer must not wait for the
        // client to go on (nginx answers a too-large Content-Length at once).
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Config = ["max_request_body_size: 1024"] });
        using var client = await RawClient.ConnectAsync(h.Gateway.BaseUri.Port);

        await client.SendAsync(Head + framing + new string('a', sent));
        var response = await client.ReadResponseAsync();

        Assert.NotNull(response);
        Assert.Equal(413, response.Status);
        Assert.InRange(response.At, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal("close", response.Headers["connection"]);
        Assert.Equal("request_too_large", JsonNode.Parse(response.Body)!["error"]!["type"]!.GetValue<string>());
        Assert.Empty(h.Mock.Requests);
    }

    private static void AssertBlamedOnClient(AiProxyHarness h, int status)
    {
        var line = Assert.Single(h.Logs.Entries, e => e.EventId.Id is 2 or 6);
        Assert.Equal(6, line.EventId.Id);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains($"status {status}", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }
}
