using System.Text;
using Gateway.Plugins.AiProxy.Response;
using Gateway.Plugins.AiProxy.Tests.Support;

namespace Gateway.Plugins.AiProxy.Tests.Response.Sse;

public sealed class SseUsageParsingTests
{
    private sealed record Snapshot(string? Model, long? Input, long? Output, long? CacheCreation, long? CacheRead,
        long FirstContent, string Text, string? ErrorType, string? ErrorMessage, string? Problem);

    [Fact]
    public void Parse_WholeClaudeStream_ReadsFinalUsageModelAndText()
    {
        var stream = ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn);

        var result = Parse(stream, [stream.Length], captureText: true);

        Assert.Equal(new Snapshot("claude-sonnet-4-5-20250929", 12, 85, 2048, 30000, stream.Length,
            ClaudeStreams.ToolUseTurnText, null, null, null), result);
    }

    [Fact]
    public void Parse_SplitAtEveryByteOffset_GivesIdenticalResults()
    {
        var stream = ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn);
        var firstContentEnd = FirstContentEventEnd(stream);
        Assert.Contains(stream, b => b >= 0x80); // the sample really has multi-byte characters to split

        for (var offset = 0; offset <= stream.Length; offset++)
        {
            foreach (var captureText in new[] { true, false })
            {
                var result = Parse(stream, [offset, stream.Length], captureText);

                // The first content event completes in the first chunk only if the cut is at or after its end.
                var expectedFirst = firstContentEnd <= offset ? offset : stream.Length;
                Assert.Equal(new Snapshot("claude-sonnet-4-5-20250929", 12, 85, 2048, 30000, expectedFirst,
                    captureText ? ClaudeStreams.ToolUseTurnText : string.Empty, null, null, null), result);
            }
        }
    }

    [Fact]
    public void Parse_OneByteAtATime_GivesIdenticalResultsAndExactFirstContentTime()
    {
        var stream = ClaudeStreams.Utf8(ClaudeStreams.ToolUseTurn);

        var result = Parse(stream, Enumerable.Range(1, stream.Length).ToArray(), captureText: true);

        Assert.Equal(new Snapshot("claude-sonnet-4-5-20250929", 12, 85, 2048, 30000, FirstContentEventEnd(stream),
            ClaudeStreams.ToolUseTurnText, null, null, null), result);
    }

    [Fact]
    public void Parse_ErrorEventAfter200WithCrlf_RecordsErrorAndUsageSoFar()
    {
        var stream = ClaudeStreams.Utf8(ClaudeStreams.OverloadedAfter200);

        for (var offset = 0; offset <= stream.Length; offset++)
        {
            var result = Parse(stream, [offset, stream.Length], captureText: true);

            Assert.Equal(new Snapshot("claude-sonnet-4-5-20250929", 40, 1, null, null, 0, string.Empty,
                "overloaded_error", "Overloaded", null), result);
        }
    }

    [Fact]
    public void Parse_EventsWithoutEventLines_UseTheDataType()
    {
        var stream = ClaudeStreams.Utf8(
            "data: {\"type\":\"message_start\",\"message\":{\"model\":\"m\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n" +
            "data: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n" +
            "data: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":9}}\n\n");

        var result = Parse(stream, [stream.Length], captureText: true);

        Assert.Equal(new Snapshot("m", 5, 9, null, null, stream.Length, "hi", null, null, null), result);
    }

    [Fact]
    public void Parse_MalformedEvent_IsSkippedAndLaterEventsStillCount()
    {
        var stream = ClaudeStreams.Utf8(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5}}}\n\n" +
            "event: message_delta\ndata: {not json\n\n" +
            "event: message_delta\ndata: {\"usage\":{\"output_tokens\":7}}\n\n");

        var result = Parse(stream, [stream.Length], captureText: false);

        Assert.Equal(new Snapshot(null, 5, 7, null, null, 0, string.Empty, null, null, "malformed stream event"), result);
    }

    [Fact]
    public void Parse_IncompleteLastEvent_IsNotCounted()
    {
        var stream = ClaudeStreams.Utf8(
            "event: message_delta\ndata: {\"usage\":{\"output_tokens\":7}}\n\n" +
            "event: message_delta\ndata: {\"usage\":{\"output_tokens\":99}}\n");

        var result = Parse(stream, [stream.Length], captureText: false);

        Assert.Equal(7, result.Output);
    }

    /// <summary>Feeds <paramref name="stream"/> cut at the given end offsets; each chunk's timestamp is its end offset.</summary>
    private static Snapshot Parse(byte[] stream, int[] ends, bool captureText)
    {
        using var facts = new ResponseFacts();
        using var sink = new SseBodySink(facts, captureText);
        var start = 0;
        foreach (var end in ends)
        {
            sink.Write(stream.AsSpan(start, end - start), timestamp: end);
            start = end;
        }

        sink.Complete();
        var usage = facts.Usage;
        return new Snapshot(facts.Model, usage.InputTokens, usage.OutputTokens, usage.CacheCreationInputTokens,
            usage.CacheReadInputTokens, facts.FirstContentTimestamp, Encoding.UTF8.GetString(facts.StreamText.WrittenSpan),
            facts.ErrorType, facts.ErrorMessage, facts.ReadProblem);
    }

    private static int FirstContentEventEnd(byte[] stream)
    {
        var start = stream.AsSpan().IndexOf("event: content_block_start"u8);
        return start + stream.AsSpan(start).IndexOf("\n\n"u8) + 2;
    }
}
