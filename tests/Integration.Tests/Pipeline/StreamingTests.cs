using System.Text;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Pipeline;

public sealed class StreamingTests
{
    public StreamingTests() => ProbeCalls.EnsureInstalled();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyFilterPath_UpstreamHoldsRestOfStream_FirstEventReachesClientFirst(bool withBodyFilter)
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await GatewayTestHost.StartAsync($$"""
            _format_version: "3.0"
            services:
              - name: sse
                url: http://127.0.0.1:{{upstream.Port}}
                routes:
                  - name: r
                    paths: ["/r"]
            plugins:
              - {name: probe-low, enabled: {{(withBodyFilter ? "true" : "false")}}}
            """);
        var key = Guid.NewGuid().ToString("N");

        using var response = await gateway.Client.GetAsync($"/r/sse/{key}", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var first = await ReadUntilAsync(stream, "\n\n", TimeSpan.FromSeconds(10));

        // The upstream is still blocked: nothing of the second event can have been produced yet.
        Assert.Equal("event: first\ndata: {\"n\":1}\n\n", first);
        upstream.Release(key);
        var rest = await new StreamReader(stream).ReadToEndAsync();
        Assert.Equal("event: second\ndata: {\"n\":2}\n\n", rest);
    }

    internal static async Task<string> ReadUntilAsync(Stream stream, string terminator, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[1];
        var text = new StringBuilder();
        while (!text.ToString().EndsWith(terminator, StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer, cts.Token);
            if (n == 0)
            {
                break;
            }

            text.Append((char)buffer[0]);
        }

        return text.ToString();
    }
}
