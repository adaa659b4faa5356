using System.Net.Http.Headers;
using System.Text;

namespace Gateway.Integration.Tests.Plugins.FileLog;

/// <summary>The Claude Code tutorial's setup (global ai-proxy with log_statistics, global file-log), pointed at the
/// in-process mock Anthropic server, and a Claude-like request for it.</summary>
internal static class AiGateway
{
    public const string ProviderKey = "sk-ant-test-key-123";
    public const string Model = "claude-sonnet-4-5-20250929";

    /// <param name="echoPort">When set, ai-proxy is scoped to the tutorial's route, and a second route
    /// <c>/plain</c> without it proxies to this port.</param>
    public static string Config(Uri mock, string logPath, string headerName = "x-api-key", int? echoPort = null)
    {
        var plain = echoPort is { } port
            ? $$"""
                  - name: plain
                    url: http://127.0.0.1:{{port}}
                    routes:
                      - name: plain-route
                        paths: ["/plain"]
                """
            : string.Empty;
        return $$"""
            _format_version: "3.0"
            services:
              - name: example-service
                url: http://127.0.0.1:9/anything
                routes:
                  - name: example-route
                    paths: ["/anything"]
            {{plain}}
            plugins:
              - name: ai-proxy
                {{(echoPort is null ? string.Empty : "route: example-route")}}
                config:
                  route_type: llm/v1/chat
                  llm_format: anthropic
                  auth:
                    header_name: {{headerName}}
                    header_value: {{ProviderKey}}
                  model:
                    provider: anthropic
                    name: {{Model}}
                    options:
                      anthropic_version: "2023-06-01"
                      upstream_url: {{new Uri(mock, "v1/messages")}}
                  max_request_body_size: 524288
                  logging:
                    log_statistics: true
              - name: file-log
                config:
                  path: {{logPath}}
            """;
    }

    /// <summary>A streaming Messages call shaped like Claude Code's: system reminders, cache_control, beta query.</summary>
    public static HttpRequestMessage StreamingRequest()
    {
        const string body = $$$"""
            {"model":"{{{Model}}}","max_tokens":32000,"stream":true,
             "system":[{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[
               {"type":"text","text":"<system-reminder>\nAs you answer the user's questions, you can use the following context.\n</system-reminder>"},
               {"type":"text","text":"Say hello in five words.","cache_control":{"type":"ephemeral"}}]}],
             "metadata":{"user_id":"user_0123_account__session_4567"}}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/anything/v1/messages?beta=true")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
        request.Headers.UserAgent.ParseAdd("claude-cli/2.0.37 (external, cli)");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }
}
