using System.Text;
using Gateway.Bench.LoadGen.Load;

namespace Gateway.Bench.Tests.Load;

/// <summary>The OpenAI stream reader of the openai workload: what it counts as a delta and as a complete stream.</summary>
public sealed class ChatChunkTimerTests
{
    private const string Role = """data: {"id":"msg_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""";
    private const string Finish = """data: {"id":"msg_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""";
    private const string Usage = """data: {"id":"msg_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""";
    private const string Done = "data: [DONE]";

    private static string Text(string content) =>
        $$"""data: {"id":"msg_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"{{content}}"},"logprobs":null,"finish_reason":null}]}""";

    private static byte[] Stream(params string[] frames) => Encoding.UTF8.GetBytes(string.Concat(frames.Select(f => f + "\n\n")));

    [Fact]
    public void OnBody_SplitAtEveryByte_CountsTheContentChunksButNotTheRoleChunk()
    {
        var body = Stream(Role, Text("Hello"), Text(" wor\\\"ld"), Text("!"), Finish, Usage, Done);
        var timer = new ChatChunkTimer(expectUsage: true) { Gaps = new Samples() };
        timer.Reset();

        for (var i = 0; i < body.Length; i++)
        {
            timer.OnBody(body.AsSpan(i, 1), timestamp: 1000 + i);
        }

        Assert.Equal(3, timer.Deltas);
        Assert.Null(timer.Problem);
        Assert.Equal(2, timer.Gaps!.Count);
        var firstContentFrameEnd = Stream(Role, Text("Hello")).Length - 1;
        Assert.Equal(1000 + firstContentFrameEnd, timer.FirstDelta);
    }

    [Fact]
    public void Problem_WithoutTheUsageChunk_SaysItIsMissing()
    {
        var timer = new ChatChunkTimer(expectUsage: true);
        timer.Reset();

        timer.OnBody(Stream(Role, Text("Hi"), Finish, Done), 1);

        Assert.Equal(1, timer.Deltas);
        Assert.Contains("no usage chunk", timer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_WithoutDone_SaysTheStreamEndedEarly()
    {
        var timer = new ChatChunkTimer(expectUsage: false);
        timer.Reset();

        timer.OnBody(Stream(Role, Text("Hi"), Finish), 1);

        Assert.Contains("without data: [DONE]", timer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_WithAnErrorChunk_QuotesIt()
    {
        var timer = new ChatChunkTimer(expectUsage: false);
        timer.Reset();

        timer.OnBody(Stream(Role, """data: {"error":{"message":"Overloaded","type":"overloaded_error","param":null,"code":null}}"""), 1);

        Assert.Contains("Overloaded", timer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reset_ForgetsThePreviousStream()
    {
        var timer = new ChatChunkTimer(expectUsage: true);
        timer.Reset();
        timer.OnBody(Stream(Role, Text("a"), Usage, Done), 1);
        timer.Reset();

        timer.OnBody(Stream(Role, Text("b"), Text("c")), 2);

        Assert.Equal(2, timer.Deltas);
        Assert.Contains("without data: [DONE]", timer.Problem, StringComparison.Ordinal);
    }
}
