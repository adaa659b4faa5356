using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Plugins.Testing;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.Tests.Support;

/// <summary>
/// Runs <see cref="AiProxyPlugin"/> through the real gateway (the testing package): ai-proxy on route
/// <c>/anything</c>, its <c>model.options.upstream_url</c> pointed at the test's upstream, a request shaped like
/// Claude Code's. Tests read the client's response, what the upstream received and the log entry.
/// </summary>
internal static class AiProxyGateway
{
    /// <summary>ai-proxy's instance id in the YAML, which the statistics report as <c>plugin_id</c>.</summary>
    public const string InstanceId = "00000000-0000-0000-0000-000000000001";

    public const string ClaudeCodeBody =
        "{\"model\":\"claude-sonnet-4-5-20250929\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":32000,\"stream\":true}";

    public const string OneShotBody = """{"model":"claude-sonnet-4-5-20250929","messages":[1]}""";

    /// <summary>The tutorial's block (reference 3.1), verbatim apart from the key.</summary>
    public const string TutorialJson = """
        {
          "route_type": "llm/v1/chat",
          "llm_format": "anthropic",
          "auth": { "header_name": "x-api-key", "header_value": "sk-ant-test" },
          "model": {
            "provider": "anthropic",
            "name": "claude-sonnet-4-5-20250929",
            "options": { "anthropic_version": "2023-06-01" }
          },
          "max_request_body_size": 524288,
          "logging": { "log_statistics": true, "log_payloads": false }
        }
        """;

    private const string UpstreamPlaceholder = "__DECK_UPSTREAM_URL__";

    /// <summary>The tutorial config with <paramref name="change"/> applied to its JSON.</summary>
    public static JsonObject Tutorial(Action<JsonObject>? change = null)
    {
        var config = JsonNode.Parse(TutorialJson)!.AsObject();
        change?.Invoke(config);
        return config;
    }

    public static JsonObject Options(this JsonObject config) => config["model"]!["options"]!.AsObject();

    /// <summary>Starts a gateway with ai-proxy configured by <paramref name="config"/> on route <c>/anything</c>.</summary>
    /// <param name="upstream">The upstream's answer; the testing package's echo when null.</param>
    /// <param name="configure">More options, e.g. another plugin or an upstream URL.</param>
    /// <param name="service">Extra service fields as YAML lines (e.g. <c>read_timeout: 300</c>).</param>
    /// <param name="plugins">More plugin entries on the route, as YAML list items.</param>
    /// <param name="upstreamPath">A path after the upstream's address in <c>upstream_url</c> (e.g. an OpenAI-compatible
    /// server's <c>/api/v1/chat/completions</c>); none by default.</param>
    public static Task<PluginTestGateway> StartAsync(JsonObject? config = null, Func<HttpContext, Task>? upstream = null,
        Action<PluginTestGatewayOptions>? configure = null, string service = "", string plugins = "", string upstreamPath = "")
    {
        var options = (config ?? Tutorial()).DeepClone().AsObject();
        // The upstream's address is only known once it listens: decK's env placeholder fills it in.
        options.Options()["upstream_url"] = UpstreamPlaceholder + upstreamPath;
        var json = options.ToJsonString().Replace($"\"{UpstreamPlaceholder}{upstreamPath}\"",
            $$$"""'${{ env "DECK_UPSTREAM_URL" }}{{{upstreamPath}}}'""", StringComparison.Ordinal);
        var yaml = $$$"""
            _format_version: "3.0"
            services:
              - name: anthropic
                url: ${{ env "DECK_UPSTREAM_URL" }}
                {{{service}}}
                routes:
                  - name: claude
                    paths: [/anything]
                    plugins:
                      - name: ai-proxy
                        id: {{{InstanceId}}}
                        config: {{{json}}}
            {{{plugins}}}
            """;
        return PluginTestGateway.StartAsync(yaml, o =>
        {
            o.AddPlugin<AiProxyPlugin>();
            if (upstream is not null)
            {
                o.UseUpstream(upstream);
            }

            configure?.Invoke(o);
        });
    }

    /// <summary>A request as Claude Code sends it, to <c>/anything{path}{query}</c>.</summary>
    public static HttpRequestMessage ClaudeCodeRequest(string path = "/v1/messages", string? body = ClaudeCodeBody,
        string method = "POST", string query = "?beta=true", bool apiKey = true)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"/anything{path}{query}");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        var headers = request.Headers;
        if (apiKey)
        {
            headers.TryAddWithoutValidation("x-api-key", "x");
        }

        headers.TryAddWithoutValidation("Authorization", "Bearer x");
        headers.TryAddWithoutValidation("anthropic-version", "2023-01-01");
        headers.TryAddWithoutValidation("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");
        headers.TryAddWithoutValidation("User-Agent", "claude-cli/2.1.328 (external, sdk-cli)");
        headers.TryAddWithoutValidation("x-stainless-timeout", "600");
        headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br, zstd");
        return request;
    }

    /// <summary>Sends <paramref name="request"/> and reads the whole response body.</summary>
    public static async Task<(HttpResponseMessage Response, byte[] Body)> SendAsync(this PluginTestGateway gateway, HttpRequestMessage request)
    {
        using (request)
        {
            var response = await gateway.Client.SendAsync(request);
            return (response, await response.Content.ReadAsByteArrayAsync());
        }
    }

    /// <summary>An upstream that answers with <paramref name="chunks"/>, flushing after each so the gateway's
    /// body_filter sees them as they come.</summary>
    public static Func<HttpContext, Task> Respond(int status, string contentType, IEnumerable<byte[]> chunks, string? contentEncoding = null) =>
        async http =>
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = contentType;
            if (contentEncoding is not null)
            {
                http.Response.Headers.ContentEncoding = contentEncoding;
            }

            foreach (var chunk in chunks)
            {
                await http.Response.Body.WriteAsync(chunk);
                await http.Response.Body.FlushAsync();
            }
        };

    /// <summary>An upstream that sends <paramref name="data"/> and then keeps the response open until the gateway
    /// gives up on it, so the stream never ends from the upstream's side.</summary>
    public static Func<HttpContext, Task> RespondAndHang(string contentType, IEnumerable<byte[]> chunks) =>
        async http =>
        {
            await Respond(200, contentType, chunks)(http);
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The gateway went away: the test is over.
            }
        };

    /// <summary>Reads exactly <paramref name="length"/> body bytes, then drops the connection, as a client that
    /// goes away mid-stream does.</summary>
    public static async Task ReadThenDisconnectAsync(this PluginTestGateway gateway, HttpRequestMessage request, int length)
    {
        using (request)
        {
            using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[length];
            await body.ReadExactlyAsync(buffer);
        }
    }

    public static IEnumerable<byte[]> Chunks(byte[] data, int size)
    {
        for (var offset = 0; offset < data.Length; offset += size)
        {
            yield return data.AsSpan(offset, Math.Min(size, data.Length - offset)).ToArray();
        }
    }

    /// <summary>The entry's <c>ai.proxy</c> object (where ai-proxy's statistics go), or null when absent.</summary>
    public static JsonNode? AiProxy(this JsonElement entry) =>
        entry.TryGetProperty("ai", out var ai) && ai.TryGetProperty("proxy", out var proxy) ? JsonNode.Parse(proxy.GetRawText()) : null;

    /// <summary>The client got ai-proxy's own Anthropic-style error, and the upstream was never called.</summary>
    public static void AssertExit(this PluginTestGateway gateway, HttpResponseMessage response, byte[] body, int status, string type, string message)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("error", json["type"]!.GetValue<string>());
        Assert.Equal(type, json["error"]!["type"]!.GetValue<string>());
        Assert.Equal(message, json["error"]!["message"]!.GetValue<string>()); // also Kong's error.message
        Assert.Empty(gateway.UpstreamRequests);
    }
}
