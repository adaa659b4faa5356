using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.TestCommon;
using Microsoft.AspNetCore.Http;

namespace Gateway.Plugins.AiProxy.Tests.Support;

/// <summary>Drives <see cref="AiProxyPlugin"/> through its phases the way the host does.</summary>
internal static class PluginHarness
{
    public static readonly AiProxyPlugin Plugin = new();

    public const string ClaudeCodeBody =
        "{\"model\":\"claude-sonnet-4-5-20250929\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":32000,\"stream\":true}";

    public static FakePluginContext NewRequest(AiProxyConfig config, string path = "/v1/messages", string? body = ClaudeCodeBody,
        string method = "POST", string query = "?beta=true")
    {
        // The host runs the configure phase before any request, with the instance the requests then carry.
        var instance = new PluginInstance("00000000-0000-0000-0000-000000000001", config, "global");
        Plugin.ConfigureAsync([instance], CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var context = new FakePluginContext(instance) { PathAfterRouteValue = path };
        context.HttpContext.Request.Method = method;
        context.HttpContext.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        context.Upstream.Query = query; // the host copies it before access
        var headers = context.HttpContext.Request.Headers;
        headers["x-api-key"] = "x";
        headers.Authorization = "Bearer x";
        headers["anthropic-version"] = "2023-01-01";
        headers["anthropic-beta"] = "claude-code-20250219,interleaved-thinking-2025-05-14";
        headers.UserAgent = "claude-cli/2.1.328 (external, sdk-cli)";
        headers["x-stainless-timeout"] = "600";
        headers.AcceptEncoding = "gzip, deflate, br, zstd";
        context.SetIncomingBody(body ?? string.Empty);
        return context;
    }

    public static async Task<FakePluginContext> AccessAsync(AiProxyConfig config, string path = "/v1/messages",
        string? body = ClaudeCodeBody, string method = "POST")
    {
        var context = NewRequest(config, path, body, method);
        await Plugin.AccessAsync(context);
        return context;
    }

    /// <summary>Plays an upstream reply: headers, each chunk, then the end-of-stream call. Returns what each
    /// body_filter call left in the chunk.</summary>
    public static async Task<List<byte[]>> RespondAsync(PluginContext context, int status, string contentType,
        IEnumerable<byte[]> chunks, string? contentEncoding = null, bool end = true)
    {
        var fake = (FakePluginContext)context;
        fake.UpstreamStatus = status;
        fake.UpstreamSent ??= DateTimeOffset.UtcNow;

        var response = context.HttpContext.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        if (contentEncoding is not null)
        {
            response.Headers.ContentEncoding = contentEncoding;
        }

        await Plugin.HeaderFilterAsync(context);
        var seen = new List<byte[]>();
        var chunk = new BodyChunk();
        foreach (var data in chunks)
        {
            chunk.Reset(data, isEndOfStream: false);
            Plugin.BodyFilter(context, chunk);
            seen.Add(chunk.IsModified ? chunk.Data.ToArray() : data);
        }

        if (end)
        {
            chunk.Reset(ReadOnlyMemory<byte>.Empty, isEndOfStream: true);
            Plugin.BodyFilter(context, chunk);
        }

        return seen;
    }

    public static async Task<JsonObject> LogAsync(PluginContext context)
    {
        await Plugin.LogAsync(context);
        var fake = (FakePluginContext)context;
        var root = new JsonObject();
        foreach (var (key, value) in fake.SerializeValues)
        {
            root[key] = (value as JsonNode)?.DeepClone();
        }

        return root;
    }

    public static IEnumerable<byte[]> Chunks(byte[] data, int size)
    {
        for (var offset = 0; offset < data.Length; offset += size)
        {
            yield return data.AsSpan(offset, Math.Min(size, data.Length - offset)).ToArray();
        }
    }

    public static AiProxyConfig With(Func<AiProxyConfig, AiProxyConfig> change) => change(ConfigBinder.Tutorial);

    public static AiProxyConfig WithOptions(ModelOptions options) =>
        With(c => c with { Model = c.ValidModel with { Options = options } });
}
