using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Tests.Support;

namespace Gateway.Plugins.AiProxy.Tests.AnthropicToOpenAi;

/// <summary>An <c>llm_format: anthropic</c> route to an OpenAI-compatible backend (a local vLLM by default).</summary>
internal static class AnthropicClientSupport
{
    public const string Backend = "qwen3-coder";

    public static AiProxyConfig Config(string options = """{"upstream_url":"http://localhost:8000/v1/chat/completions"}""", string name = Backend) =>
        ConfigBinder.Bind($$"""
            {
              "route_type": "llm/v1/chat",
              "llm_format": "anthropic",
              "auth": { "header_name": "Authorization", "header_value": "Bearer sk-local" },
              "model": { "provider": "openai"{{(name.Length > 0 ? $", \"name\": \"{name}\"" : "")}}, "options": {{options}} },
              "logging": { "log_statistics": true }
            }
            """);

    /// <summary>The Chat Completions body sent upstream for an Anthropic body.</summary>
    public static async Task<JsonNode> UpstreamBodyAsync(string body, AiProxyConfig? config = null)
    {
        var context = await PluginHarness.AccessAsync(config ?? Config(), "/v1/messages", body);
        Assert.Null(context.ExitResponse);
        return JsonNode.Parse(context.ReplacedBody!.Value.Span)!;
    }

    public static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {JsonNode.Parse(expected)!.ToJsonString()}\nactual   {actual?.ToJsonString()}");
}
