using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.Support;
using Gateway.Plugins.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Plugins.AiProxy.Tests.OpenAi;

/// <summary>An <c>llm_format: openai</c> route (the tutorial's block otherwise) run through the real gateway, with a
/// clock that does not move so translations are byte-for-byte repeatable.</summary>
internal static class OpenAiSupport
{
    public const string ChatPath = "/v1/chat/completions";

    /// <summary>The <c>created</c> of every answer: the fixed clock's 2026-01-01T00:00:00Z.</summary>
    public const long Created = 1_767_225_600;

    /// <summary>The tutorial config with <c>llm_format: openai</c> and <paramref name="change"/> applied.</summary>
    public static JsonObject Config(Action<JsonObject>? change = null) => AiProxyGateway.Tutorial(c =>
    {
        c["llm_format"] = "openai";
        change?.Invoke(c);
    });

    /// <summary>Starts a gateway with ai-proxy on an OpenAI route at <c>/anything</c> and the fixed clock in DI.</summary>
    public static Task<PluginTestGateway> StartAsync(JsonObject? config = null, Func<HttpContext, Task>? upstream = null, string service = "") =>
        AiProxyGateway.StartAsync(config ?? Config(), upstream,
            o => o.ConfigureServices(s => s.AddSingleton<TimeProvider>(new FixedTime())), service);

    /// <summary>A request as an OpenAI SDK sends it (its own key and a compressed-answer wish, both to be replaced).</summary>
    public static HttpRequestMessage ChatRequest(string? body, string path = ChatPath, string method = "POST")
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"/anything{path}");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk-openai-client");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        return request;
    }

    /// <summary>An upstream with a one-shot Anthropic answer, for tests that look only at the request.</summary>
    public static Func<HttpContext, Task> OneShotUpstream =>
        AiProxyGateway.Respond(200, "application/json", [ClaudeStreams.Utf8(ClaudeStreams.OneShotMessage)]);

    /// <summary>The Anthropic body ai-proxy sent upstream for a Chat Completions body.</summary>
    public static async Task<JsonNode> UpstreamBodyAsync(string body, JsonObject? config = null)
    {
        await using var gateway = await StartAsync(config, OneShotUpstream);
        await gateway.SendAsync(ChatRequest(body));
        var sent = Assert.Single(gateway.UpstreamRequests);
        return JsonNode.Parse(sent.Body.Span)!;
    }

    /// <summary>The client's status and OpenAI error object for a refused body; the upstream was never called.</summary>
    public static async Task<(int Status, JsonNode Error)> RefusalAsync(string? body, JsonObject? config = null, string path = ChatPath)
    {
        await using var gateway = await StartAsync(config, OneShotUpstream);
        var (response, bytes) = await gateway.SendAsync(ChatRequest(body, path));
        Assert.Empty(gateway.UpstreamRequests);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return ((int)response.StatusCode, JsonNode.Parse(bytes)!["error"]!);
    }

    /// <summary>An upstream that answers <paramref name="chunks"/> with a Content-Length of their total, as a provider
    /// does for a one-shot body: the translation changes the length, so the gateway must not pass it on.</summary>
    public static Func<HttpContext, Task> RespondWithLength(int status, string contentType, IReadOnlyList<byte[]> chunks) =>
        async http =>
        {
            http.Response.Headers.ContentLength = chunks.Sum(c => c.Length);
            await AiProxyGateway.Respond(status, contentType, chunks)(http);
        };

    /// <summary>The <c>ai.proxy.usage</c> the native Anthropic route logs for the same upstream reply, timings
    /// removed: the translation must not change the accounting.</summary>
    public static async Task<JsonNode> NativeUsageAsync(int status, string contentType, byte[] reply, bool streaming)
    {
        var body = streaming ? AiProxyGateway.ClaudeCodeBody : AiProxyGateway.ClaudeCodeBody.Replace(",\"stream\":true", "", StringComparison.Ordinal);
        await using var gateway = await AiProxyGateway.StartAsync(upstream: AiProxyGateway.Respond(status, contentType, [reply]));
        await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(body: body));
        return WithoutTimings((await gateway.NextLogEntryAsync()).AiProxy()!["usage"]!);
    }

    public static JsonNode WithoutTimings(JsonNode usage)
    {
        var copy = usage.DeepClone().AsObject();
        copy.Remove("time_per_token");
        copy.Remove("time_to_first_token");
        return copy;
    }

    public static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Created);
    }
}
