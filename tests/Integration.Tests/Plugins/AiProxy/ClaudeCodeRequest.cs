using System.Net.Http.Headers;
using System.Text;

namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>Requests shaped like Claude Code's (see ../shared/reference/claude-code-traffic.md): a dummy
/// <c>x-api-key</c> and bearer, Anthropic and Stainless headers, and every encoding a browser would accept.</summary>
internal static class ClaudeCodeRequest
{
    public const string MessagesPath = "/anything/v1/messages?beta=true";
    public const string ClientKey = "sk-ant-client-dummy";
    public const string ClientBearer = "Bearer client-dummy-token";
    public const string ClientAnthropicVersion = "2023-01-01";
    public const string Beta = "claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14";
    public const string UserAgent = "claude-cli/2.1.328 (external, cli)";
    public const string AllEncodings = "gzip, deflate, br, zstd";

    /// <summary>A Messages body with a cached system prompt (so the mock reports cache reads and writes) and
    /// <paramref name="text"/> as the last user message, where scenario markers go.</summary>
    public static string Body(string text = "hello", bool stream = true, string? model = AiProxySetup.Model, bool cache = true)
    {
        var modelField = model is null ? string.Empty : $"\"model\":\"{model}\",";
        var cacheControl = cache ? ",\"cache_control\":{\"type\":\"ephemeral\"}" : string.Empty;
        var streamField = stream ? ",\"stream\":true" : string.Empty;
        return $$"""{{{modelField}}"max_tokens":32000,"system":[{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude."{{cacheControl}}}],"messages":[{"role":"user","content":[{"type":"text","text":"{{text}}"}]}]{{streamField}}}""";
    }

    public static HttpRequestMessage Messages(string text = "hello", bool stream = true, string? acceptEncoding = AllEncodings) =>
        Post(MessagesPath, Body(text, stream), acceptEncoding);

    public static HttpRequestMessage Post(string path, string body, string? acceptEncoding = AllEncodings) =>
        Post(path, new ByteArrayContent(Encoding.UTF8.GetBytes(body)), acceptEncoding);

    public static HttpRequestMessage Post(string path, HttpContent content, string? acceptEncoding = AllEncodings)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        AddClientHeaders(request, acceptEncoding);
        return request;
    }

    public static HttpRequestMessage Get(string path, string? acceptEncoding = AllEncodings)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        AddClientHeaders(request, acceptEncoding);
        return request;
    }

    private static void AddClientHeaders(HttpRequestMessage request, string? acceptEncoding)
    {
        var headers = request.Headers;
        headers.TryAddWithoutValidation("x-api-key", ClientKey);
        headers.TryAddWithoutValidation("authorization", ClientBearer);
        headers.TryAddWithoutValidation("anthropic-version", ClientAnthropicVersion);
        headers.TryAddWithoutValidation("anthropic-beta", Beta);
        headers.TryAddWithoutValidation("anthropic-dangerous-direct-browser-access", "true");
        headers.TryAddWithoutValidation("user-agent", UserAgent);
        headers.TryAddWithoutValidation("x-app", "cli");
        headers.TryAddWithoutValidation("x-stainless-lang", "js");
        headers.TryAddWithoutValidation("x-stainless-package-version", "0.60.0");
        headers.TryAddWithoutValidation("x-stainless-retry-count", "0");
        headers.TryAddWithoutValidation("x-stainless-timeout", "600");
        headers.TryAddWithoutValidation("accept", "application/json");
        if (acceptEncoding is not null)
        {
            headers.TryAddWithoutValidation("accept-encoding", acceptEncoding);
        }
    }
}
