using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Tests.Support;
using Gateway.Plugins.Testing;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.Tests.OpenAiUpstream;

/// <summary><c>llm_format: openai</c> routes to OpenAI-compatible providers, run through the real gateway with the
/// test's upstream playing the provider (its address in <c>upstream_url</c>, optionally followed by a path).</summary>
internal static class OpenAiProviderSupport
{
    public const string Key = "sk-proj-test-key";

    public const string ChatPath = "/v1/chat/completions";

    public static JsonObject OpenAiProvider(string model = "", string options = "{}", string logging = """{"log_statistics":true}""") =>
        JsonNode.Parse($$"""
            {
              "route_type": "llm/v1/chat",
              "llm_format": "openai",
              "auth": { "header_name": "Authorization", "header_value": "Bearer {{Key}}" },
              "model": { "provider": "openai"{{(model.Length > 0 ? $", \"name\": \"{model}\"" : "")}}, "options": {{options}} },
              "logging": {{logging}}
            }
            """)!.AsObject();

    public static JsonObject Azure(string options) =>
        JsonNode.Parse($$"""
            {
              "route_type": "llm/v1/chat",
              "llm_format": "openai",
              "auth": { "header_name": "api-key", "header_value": "{{Key}}" },
              "model": { "provider": "azure", "name": "gpt-4o", "options": {{options}} },
              "logging": { "log_statistics": true }
            }
            """)!.AsObject();

    /// <summary>A gateway with <paramref name="config"/> (an OpenAI provider by default) on route <c>/anything</c>.</summary>
    public static Task<PluginTestGateway> StartAsync(JsonObject? config = null, Func<HttpContext, Task>? upstream = null,
        string upstreamPath = "", string service = "") =>
        AiProxyGateway.StartAsync(config ?? OpenAiProvider(), upstream ?? OneShotUpstream, service: service, upstreamPath: upstreamPath);

    /// <summary>A request as an OpenAI SDK sends it: its own key and a compressed-answer wish.</summary>
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

    /// <summary>A provider's one-shot Chat Completions answer, for tests that look only at the request.</summary>
    public static Func<HttpContext, Task> OneShotUpstream => AiProxyGateway.Respond(200, "application/json",
        [Encoding.UTF8.GetBytes("""{"id":"chatcmpl-0","object":"chat.completion","created":1,"model":"gpt-4.1-mini","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""")]);

    /// <summary>What the provider received for one Chat Completions body.</summary>
    public static async Task<UpstreamRequest> UpstreamRequestAsync(string body, JsonObject? config = null, string upstreamPath = "")
    {
        await using var gateway = await StartAsync(config, upstreamPath: upstreamPath);
        var (response, _) = await gateway.SendAsync(ChatRequest(body));
        Assert.Equal(200, (int)response.StatusCode);
        return Assert.Single(gateway.UpstreamRequests);
    }

    /// <summary>The client's status and OpenAI error object for a refused body; the provider was never called.</summary>
    public static async Task<(int Status, JsonNode Error)> RefusalAsync(string body, JsonObject? config = null)
    {
        await using var gateway = await StartAsync(config);
        var (response, bytes) = await gateway.SendAsync(ChatRequest(body));
        Assert.Empty(gateway.UpstreamRequests);
        return ((int)response.StatusCode, JsonNode.Parse(bytes)!["error"]!);
    }
}
