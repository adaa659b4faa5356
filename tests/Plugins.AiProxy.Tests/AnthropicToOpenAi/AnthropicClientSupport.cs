using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.Support;
using Gateway.Plugins.Testing;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.Tests.AnthropicToOpenAi;

/// <summary>An <c>llm_format: anthropic</c> route to an OpenAI-compatible backend (a local vLLM by default), run
/// through the real gateway with the test's upstream playing the backend at <c>{upstream}/v1/chat/completions</c>.</summary>
internal static class AnthropicClientSupport
{
    public const string Backend = "qwen3-coder";

    /// <summary>The backend's Chat Completions path after the upstream's address in <c>upstream_url</c>.</summary>
    public const string ChatPath = "/v1/chat/completions";

    public static JsonObject Config(string options = "{}", string name = Backend, string provider = "openai",
        string auth = """{ "header_name": "Authorization", "header_value": "Bearer sk-local" }""") =>
        JsonNode.Parse($$"""
            {
              "route_type": "llm/v1/chat",
              "llm_format": "anthropic",
              "auth": {{auth}},
              "model": { "provider": "{{provider}}"{{(name.Length > 0 ? $", \"name\": \"{name}\"" : "")}}, "options": {{options}} },
              "logging": { "log_statistics": true }
            }
            """)!.AsObject();

    /// <summary>A gateway with <paramref name="config"/> on route <c>/anything</c>, the backend at its chat path.</summary>
    public static Task<PluginTestGateway> StartAsync(JsonObject? config = null, Func<HttpContext, Task>? upstream = null,
        Action<PluginTestGatewayOptions>? configure = null, string upstreamPath = ChatPath) =>
        AiProxyGateway.StartAsync(config ?? Config(), upstream ?? OneShotUpstream, configure, upstreamPath: upstreamPath);

    /// <summary>A backend's one-shot Chat Completions answer, for tests that look only at the request.</summary>
    public static Func<HttpContext, Task> OneShotUpstream => AiProxyGateway.Respond(200, "application/json",
        [System.Text.Encoding.UTF8.GetBytes("""{"id":"c","object":"chat.completion","model":"qwen3","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""")]);

    /// <summary>The Chat Completions body the backend received for an Anthropic body.</summary>
    public static async Task<JsonNode> UpstreamBodyAsync(string body, JsonObject? config = null)
    {
        await using var gateway = await StartAsync(config);
        var (response, _) = await gateway.SendAsync(AiProxyGateway.ClaudeCodeRequest(body: body));
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(Assert.Single(gateway.UpstreamRequests).Body.Span)!;
    }

    public static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {JsonNode.Parse(expected)!.ToJsonString()}\nactual   {actual?.ToJsonString()}");
}
