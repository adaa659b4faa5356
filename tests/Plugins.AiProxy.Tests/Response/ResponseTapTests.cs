using System.Text;
using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.Response;
using Gateway.Plugins.AiProxy.Tests.Support;

namespace Gateway.Plugins.AiProxy.Tests.Response;

public sealed class ResponseTapTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Tap_GzipOneShotBody_InflatesOnTheSideInAnyChunking(int chunkSize)
    {
        var compressed = ClaudeStreams.Gzip(ClaudeStreams.OneShotMessage);
        using var facts = new ResponseFacts();
        using var tap = ResponseTap.Create(facts, "application/json", "gzip", captureText: false)!;

        Feed(tap, compressed, chunkSize);
        tap.Complete(facts);

        Assert.Equal("claude-sonnet-4-5-20250929", facts.Model);
        Assert.Equal(25, facts.Usage.InputTokens);
        Assert.Equal(456, facts.Usage.OutputTokens);
        Assert.Equal(ClaudeStreams.OneShotMessage, Encoding.UTF8.GetString(tap.JsonBody!.Body));
        Assert.Null(facts.ReadProblem);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    public void Tap_GzipEventStream_ReadsEventsAsTheyInflate(int chunkSize)
    {
        var compressed = ClaudeStreams.Gzip(ClaudeStreams.ToolUseTurn);
        using var facts = new ResponseFacts();
        using var tap = ResponseTap.Create(facts, "text/event-stream; charset=utf-8", "gzip", captureText: true)!;

        Feed(tap, compressed, chunkSize);
        tap.Complete(facts);

        Assert.Equal(85, facts.Usage.OutputTokens);
        Assert.Equal(ClaudeStreams.ToolUseTurnText, Encoding.UTF8.GetString(facts.StreamText.WrittenSpan));
        Assert.NotEqual(0, facts.FirstContentTimestamp);
    }

    [Fact]
    public void Tap_IdentityBody_IsReadWithoutDecoding()
    {
        using var facts = new ResponseFacts();
        using var tap = ResponseTap.Create(facts, "application/json", null, captureText: false)!;

        Feed(tap, ClaudeStreams.Utf8(ClaudeStreams.OneShotMessage), 100);
        tap.Complete(facts);

        Assert.Equal(456, facts.Usage.OutputTokens);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("zstd")]
    [InlineData("deflate")]
    public void Tap_UnreadableEncoding_IsNotCreatedAndSaysWhy(string encoding)
    {
        using var facts = new ResponseFacts();

        var tap = ResponseTap.Create(facts, "application/json", encoding, captureText: false);

        Assert.Null(tap);
        Assert.Equal($"content-encoding '{encoding}' cannot be read: no usage recorded", facts.ReadProblem);
    }

    [Fact]
    public void Tap_CorruptGzip_StopsReadingAndSaysWhy()
    {
        using var facts = new ResponseFacts();
        using var tap = ResponseTap.Create(facts, "application/json", "gzip", captureText: false)!;

        Feed(tap, ClaudeStreams.Utf8("this is not gzip at all"), 5);
        tap.Complete(facts);

        Assert.Equal("gzip response could not be inflated: no usage recorded", facts.ReadProblem);
        Assert.Null(facts.Usage.OutputTokens);
    }

    [Fact]
    public void Tap_OneShotBodyOverTheBound_KeepsOnlyTheBoundAndReportsNoUsage()
    {
        var huge = "{\"content\":\"" + new string('x', Limits.JsonResponseBytes) + "\",\"usage\":{\"output_tokens\":1}}";
        using var facts = new ResponseFacts();
        using var tap = ResponseTap.Create(facts, "application/json", null, captureText: false)!;

        Feed(tap, ClaudeStreams.Utf8(huge), 64 * 1024);
        tap.Complete(facts);

        Assert.Equal(Limits.JsonResponseBytes, tap.JsonBody!.Body.Length);
        Assert.True(tap.JsonBody.Truncated);
        Assert.Null(facts.Usage.OutputTokens);
        Assert.StartsWith("response body larger than", facts.ReadProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void Tap_ErrorBody_RecordsAnthropicErrorType()
    {
        using var facts = new ResponseFacts();
        using var tap = ResponseTap.Create(facts, "application/json", null, captureText: false)!;

        Feed(tap, ClaudeStreams.Utf8("""{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}"""), 10);
        tap.Complete(facts);

        Assert.Equal(("rate_limit_error", "slow down"), (facts.ErrorType, facts.ErrorMessage));
    }

    private static void Feed(ResponseTap tap, byte[] data, int chunkSize)
    {
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            // A fresh array per chunk, like the host's reused buffer: the tap must not keep references.
            tap.Write(data.AsSpan(offset, Math.Min(chunkSize, data.Length - offset)).ToArray(), timestamp: offset + 1);
        }
    }
}
