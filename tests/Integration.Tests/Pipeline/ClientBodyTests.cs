using System.Net.Sockets;
using System.Text;
using Gateway.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Gateway.Integration.Tests.Pipeline;

/// <summary>
/// A client that breaks its own request body is answered for what it did, never as an upstream failure: 400 for
/// broken framing, 408 when the body stops arriving for the client body timeout, 499 in the log when the client
/// leaves. The body streams through YARP on these plain routes; ai-proxy's route reads it in access and follows
/// the same rule (AiProxyClientBodyTests).
/// </summary>
public sealed class ClientBodyTests
{
    [Fact]
    public async Task Access_ClientAbandonsBodyHalfway_NoPluginFailureAndKeepsServing()
    {
        var logs = new RecordingLoggerProvider();
        await using var gateway = await GatewayTestHost.StartAsync(
            ["""
            _format_version: "3.0"
            services:
              - name: never-called
                url: http://127.0.0.1:9
                routes:
                  - name: yaml
                    paths: ["/yaml"]
                    plugins:
                      - name: yaml-echo
            """],
            loggerProvider: logs);

        using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync("127.0.0.1", gateway.BaseUri.Port);
            await socket.SendAsync(Encoding.ASCII.GetBytes("POST /yaml HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\ngreeting: hi"));
            socket.Shutdown(SocketShutdown.Send);
            try
            {
                await socket.ReceiveAsync(new byte[4096], SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (SocketException)
            {
                // Kestrel may reset a connection whose request body ended early; either way the client is gone.
            }
        }

        for (var i = 0; i < 100 && !logs.Entries.Any(e => e.EventId.Id == 6); i++)
        {
            await Task.Delay(20);
        }

        Assert.Contains(logs.Entries, e => e.EventId.Id == 6 && e.Level == LogLevel.Information);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        using var next = await gateway.Client.PostAsync("/yaml", new StringContent("greeting: again\n"));
        Assert.Equal(200, (int)next.StatusCode);
    }

    [Fact]
    public async Task Proxy_MalformedChunkedBody_400BadRequestBlamedOnTheClient()
    {
        await using var g = await LoggedGateway.StartAsync();
        using var client = await RawClient.ConnectAsync(g.Port);

        await client.SendAsync("POST /r HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.NotNull(response);
        Assert.Equal(400, response.Status);
        Assert.Equal("{\"message\":\"Bad request\"}", response.Body);
        Assert.Equal("close", response.Headers["connection"]);
        var id = response.Headers["x-kong-request-id"];
        var entry = await g.EntryAsync(id);
        Assert.Equal(400, entry.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("kong", entry.GetProperty("source").GetString());
        await AssertBlamedOnClientAsync(g, id, 400);
    }

    [Fact]
    public async Task Proxy_BodyStallsPastClientBodyTimeout_408AtTheTimeout()
    {
        await using var g = await LoggedGateway.StartAsync(arguments: ["--client-body-timeout", "1"]);
        using var client = await RawClient.ConnectAsync(g.Port);

        await client.SendAsync("POST /r HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\n\r\n0123456789");
        var response = await client.ReadResponseAsync();

        Assert.NotNull(response);
        Assert.Equal(408, response.Status);
        // The configured 1 s, not Kestrel's 5 s data-rate grace nor the service's 60 s read_timeout.
        Assert.InRange(response.At, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Equal("{\"message\":\"Request timeout\"}", response.Body);
        var id = response.Headers["x-kong-request-id"];
        var entry = await g.EntryAsync(id);
        Assert.Equal(408, entry.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("kong", entry.GetProperty("source").GetString());
        await AssertBlamedOnClientAsync(g, id, 408);
    }

    [Fact]
    public async Task Proxy_BodyStallsPastTheServicesReadTimeoutFirst_Still408BlamedOnTheClient()
    {
        // The body streams through YARP, whose activity timeout (read_timeout) covers the whole exchange: when it
        // fires first, it fired while waiting for the client.
        await using var g = await LoggedGateway.StartAsync(service: "read_timeout: 1000");
        using var client = await RawClient.ConnectAsync(g.Port);

        await client.SendAsync("POST /r HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\n\r\n0123456789");
        var response = await client.ReadResponseAsync();

        Assert.NotNull(response);
        Assert.Equal(408, response.Status);
        Assert.InRange(response.At, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        await AssertBlamedOnClientAsync(g, response.Headers["x-kong-request-id"], 408);
    }

    [Fact]
    public async Task Proxy_BodySlowerThanKestrelsMinimumRateButNeverSilentLong_IsForwardedWhole()
    {
        await using var g = await LoggedGateway.StartAsync();
        using var client = await RawClient.ConnectAsync(g.Port);
        const string body = "0123456789abcdefghij";

        // 20 bytes over 6 s: 3 B/s, far below Kestrel's 240 B/s after its 5 s grace, with 300 ms gaps.
        await client.SendAsync($"POST /r HTTP/1.1\r\nHost: test\r\nContent-Length: {body.Length}\r\n\r\n");
        foreach (var c in body)
        {
            await Task.Delay(300);
            await client.SendAsync(c.ToString());
        }

        var response = await client.ReadResponseAsync();

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Contains($"\"Body\":\"{body}\"", response.Body, StringComparison.Ordinal);
        Assert.Empty(g.Problems);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Proxy_ClientLeavesMidBody_Logged499NotAnUpstreamError(bool reset)
    {
        await using var g = await LoggedGateway.StartAsync();
        using (var client = await RawClient.ConnectAsync(g.Port))
        {
            await client.SendAsync("POST /r HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n0123456789");
            await Task.Delay(200); // the request is on its way upstream, waiting for the rest of the body
            if (reset)
            {
                client.Reset();
            }
            else
            {
                client.Leave();
            }
        }

        var entry = await g.OnlyEntryAsync();

        Assert.Equal(499, entry.GetProperty("response").GetProperty("status").GetInt32());
        await AssertBlamedOnClientAsync(g, entry.GetProperty("request").GetProperty("id").GetString()!, 499);
    }

    /// <summary>One information line naming the status, and no warning or error from anyone (YARP included).</summary>
    internal static async Task AssertBlamedOnClientAsync(LoggedGateway g, string requestId, int status)
    {
        // The line is written as the request finishes, which can be just after the client read its answer.
        await g.WaitForLinesAboutAsync(requestId);

        var line = Assert.Single(g.LinesAbout(requestId));
        Assert.Equal(6, line.EventId.Id);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains($"status {status}", line.Message, StringComparison.Ordinal);
        Assert.Null(line.Exception);
        Assert.Empty(g.Problems);
    }
}
