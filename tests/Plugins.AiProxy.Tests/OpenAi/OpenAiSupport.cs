using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Tests.Support;
using Gateway.TestCommon;

namespace Gateway.Plugins.AiProxy.Tests.OpenAi;

/// <summary>An <c>llm_format: openai</c> route (the tutorial's block otherwise) driven through the plugin's phases.</summary>
internal static class OpenAiSupport
{
    public const string ChatPath = "/v1/chat/completions";

    /// <summary>The <c>created</c> of every answer: the fixed clock's 2026-01-01T00:00:00Z.</summary>
    public const long Created = 1_767_225_600;

    /// <summary>The plugin with a clock that does not move, so translations are byte-for-byte repeatable.</summary>
    public static readonly AiProxyPlugin Plugin = new(new FixedTime());

    public static readonly AiProxyConfig Config = PluginHarness.With(c => c with { LlmFormat = LlmFormat.Openai });

    public static AiProxyConfig With(Func<AiProxyConfig, AiProxyConfig> change) => change(Config);

    public static async Task<FakePluginContext> AccessAsync(string? body, AiProxyConfig? config = null, string path = ChatPath, string method = "POST")
    {
        var context = PluginHarness.NewRequest(config ?? Config, path, body, method);
        await Plugin.AccessAsync(context);
        return context;
    }

    /// <summary>The Anthropic body ai-proxy sent upstream for a Chat Completions body.</summary>
    public static async Task<JsonNode> UpstreamBodyAsync(string body, AiProxyConfig? config = null)
    {
        var context = await AccessAsync(body, config);
        Assert.Null(context.ExitResponse);
        return JsonNode.Parse(context.ReplacedBody!.Value.Span)!;
    }

    /// <summary>The exit (status, OpenAI error object) for a refused body.</summary>
    public static async Task<(int Status, JsonNode Error)> RefusalAsync(string body, AiProxyConfig? config = null)
    {
        var context = await AccessAsync(body, config);
        var exit = context.ExitResponse ?? throw new Xunit.Sdk.XunitException("the request was not refused");
        return (exit.Status, JsonNode.Parse(exit.Body!)!["error"]!);
    }

    /// <summary>Plays an upstream reply like <see cref="PluginHarness.RespondAsync"/>, and returns what reached the
    /// client for every body_filter call, the end-of-stream call last.</summary>
    public static async Task<List<byte[]>> RespondAsync(FakePluginContext context, int status, string contentType, IEnumerable<byte[]> chunks)
    {
        context.UpstreamStatus = status;
        context.UpstreamSent = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = context.HttpContext.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers.ContentLength = 1234;
        await Plugin.HeaderFilterAsync(context);
        var seen = new List<byte[]>();
        var chunk = new BodyChunk();
        foreach (var data in chunks.Append([]))
        {
            chunk.Reset(data, isEndOfStream: data.Length == 0);
            Plugin.BodyFilter(context, chunk);
            seen.Add(chunk.IsModified ? chunk.Data.ToArray() : data);
        }

        return seen;
    }

    /// <summary>The <c>ai.proxy.usage</c> the native Anthropic route logs for the same upstream reply, timings
    /// removed: the translation must not change the accounting.</summary>
    public static async Task<JsonNode> NativeUsageAsync(int status, string contentType, byte[] reply, bool streaming)
    {
        var body = streaming ? PluginHarness.ClaudeCodeBody : PluginHarness.ClaudeCodeBody.Replace(",\"stream\":true", "", StringComparison.Ordinal);
        var context = await PluginHarness.AccessAsync(PluginHarness.With(c => c), body: body);
        await PluginHarness.RespondAsync(context, status, contentType, [reply]);
        return WithoutTimings((await PluginHarness.LogAsync(context))["ai.proxy.usage"]!);
    }

    public static JsonNode WithoutTimings(JsonNode usage)
    {
        var copy = usage.DeepClone().AsObject();
        copy.Remove("time_per_token");
        copy.Remove("time_to_first_token");
        return copy;
    }

    public static string Text(IEnumerable<byte[]> chunks) => string.Concat(chunks.Select(c => Encoding.UTF8.GetString(c)));

    public static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Created);
    }
}
