using Gateway.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Gateway.Integration.Tests.Pipeline;

/// <summary>The log tells the truth about each request: the request as the client sent it, and one line from the
/// gateway per failed request, blaming the side that failed, without a stack trace.</summary>
public sealed class OutcomeLogTests
{
    [Fact]
    public async Task Log_AbsoluteFormTarget_UriIsTheOriginFormAndUrlNamesTheHostOnce()
    {
        await using var g = await LoggedGateway.StartAsync();
        using var client = await RawClient.ConnectAsync(g.Port);
        var authority = $"127.0.0.1:{g.Port}";

        // What a client configured to use the gateway as an HTTP proxy sends.
        await client.SendAsync($"GET http://{authority}/r/things?a=1 HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        var response = await client.ReadResponseAsync();

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        var request = (await g.EntryAsync(response.Headers["x-kong-request-id"])).GetProperty("request");
        Assert.Equal("/r/things?a=1", request.GetProperty("uri").GetString());
        Assert.Equal($"http://{authority}/r/things?a=1", request.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Log_UpstreamCutsTheResponseMidway_OneWarningBlamingTheUpstreamWithoutStackTrace()
    {
        await using var g = await LoggedGateway.StartAsync();

        using var response = await g.Gateway.Client.GetAsync("/r/cut", HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.GetValues("X-Kong-Request-Id").Single();
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            // The client sees the cut, not a clean end.
            await Assert.ThrowsAnyAsync<IOException>(() => body.CopyToAsync(Stream.Null));
        }

        var entry = await g.EntryAsync(id);

        Assert.Equal(200, entry.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("upstream", entry.GetProperty("source").GetString());
        var warning = Assert.Single(g.Problems); // from anyone: YARP's own forwarding error is not logged as well
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(2, warning.EventId.Id);
        Assert.Contains(id, warning.Message, StringComparison.Ordinal);
        Assert.Contains("the upstream cut the response", warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
        Assert.DoesNotContain("   at ", warning.Message, StringComparison.Ordinal);
        // The exception itself is there for whoever turns on debug logging, and nowhere else.
        Assert.All(g.Logs.Entries.Where(e => e.Exception is not null), e => Assert.Equal(LogLevel.Debug, e.Level));
    }
}
