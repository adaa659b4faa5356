using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gateway.Host.Configuration.Model;
using Gateway.Host.Logging;
using Gateway.Host.Pipeline;
using Gateway.Plugins;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Tests.Logging;

public sealed class LogEntryWriterTests
{
    [Theory]
    [InlineData("127.0.0.1:8000", "/anything/v1/messages?beta=true", "http://127.0.0.1:8000/anything/v1/messages?beta=true")]
    [InlineData("[::1]:8080", "/p", "http://[::1]:8080/p")]
    [InlineData("[::1]", "/p", "http://[::1]:9999/p")]
    [InlineData("example.com", "/p?q=%20", "http://example.com:9999/p?q=%20")]
    public void Write_Url_IsSchemeHostPortAndTarget(string host, string target, string expected)
    {
        using var fixture = new Fixture(host, target);

        Assert.Equal(expected, fixture.Entry().GetProperty("request").GetProperty("url").GetString());
    }

    [Fact]
    public void Write_UrlLongerThanTheStackBuffer_IsWrittenWhole()
    {
        var target = "/" + new string('a', 3000) + "?q=1";
        using var fixture = new Fixture("127.0.0.1:8000", target);

        Assert.Equal("http://127.0.0.1:8000" + target, fixture.Entry().GetProperty("request").GetProperty("url").GetString());
    }

    // The raw ASCII path writes what the log's relaxed encoder leaves as is; a writer with another encoder must still
    // get its own escaping, not the log's bytes.
    [Fact]
    public void Write_WriterWithAnotherEncoder_EscapesHeaderValuesItsOwnWay()
    {
        using var fixture = new Fixture("127.0.0.1:8000", "/p");
        fixture.Context.HttpContext.Request.Headers["X-Note"] = "a<b&c";

        Assert.Contains("\"x-note\":\"a<b&c\"", fixture.Text(LogEntryWriter.Encoder), StringComparison.Ordinal);
        Assert.Contains("\"x-note\":\"a\\u003Cb\\u0026c\"", fixture.Text(System.Text.Encodings.Web.JavaScriptEncoder.Default), StringComparison.Ordinal);
    }

    // The entry of a proxied request with ai-proxy's two nested fields, written again and again into a reused buffer:
    // nothing stays. A boxed header enumerator (2 × 56 B here when the headers were enumerated through
    // IHeaderDictionary), the url as a string (~110 B), a boxed enumerator per nested object or a JSON tree would
    // each break it.
    [Fact]
    public void Write_OnceWarm_AllocatesNothing()
    {
        using var fixture = new Fixture("127.0.0.1:8000", "/anything/v1/messages");
        fixture.Context.SetSerializeValue("ai.proxy.meta", new Dictionary<string, object?> { ["plugin_id"] = "p", ["llm_latency"] = 12L });
        fixture.Context.SetSerializeValue("ai.proxy.usage", new Dictionary<string, object?> { ["prompt_tokens"] = 3L, ["cost"] = 0.5 });
        var buffer = new ArrayBufferWriter<byte>(8192);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder });
        WriteOnce(fixture.Context, writer, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            WriteOnce(fixture.Context, writer, buffer);
        }

        var perEntry = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
        Assert.Equal(0, perEntry);
    }

    private static void WriteOnce(RequestContext context, Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        LogEntryWriter.Write(writer, context);
        writer.Flush();
    }

    private sealed class Fixture : IDisposable
    {
        private readonly GatewayRuntime _runtime;

        public Fixture(string host, string target)
        {
            var http = new DefaultHttpContext();
            var request = http.Request;
            request.Method = "POST";
            request.Scheme = "http";
            request.Host = new HostString(host);
            var query = target.IndexOf('?', StringComparison.Ordinal);
            request.Path = query < 0 ? target : target[..query];
            request.QueryString = new QueryString(query < 0 ? string.Empty : target[query..]);
            request.Protocol = "HTTP/1.1";
            // What Kestrel records: the target as the client sent it, which the log's uri and url are made from.
            http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget = target;
            request.Headers["content-type"] = "application/json";
            request.Headers["x-api-key"] = "sk-ant-secret";
            http.Connection.RemoteIpAddress = IPAddress.Loopback;
            http.Connection.LocalPort = 9999;
            http.Response.StatusCode = 200;
            http.Response.Headers["content-type"] = "application/json";
            _runtime = new GatewayRuntime(
                new GatewayConfig([], [], []),
                new PluginChains(new Dictionary<string, PluginChain>(), PluginChain.Empty, new Dictionary<IGatewayPlugin, IReadOnlyList<PluginInstance>>()));
            var start = Stopwatch.GetTimestamp();
            Context = new RequestContext(http, _runtime, start) { UpstreamSent = start + 10, UpstreamHeadersReceived = start + 20, ResponseEnded = start + 30, UpstreamStatus = 200 };
        }

        public RequestContext Context { get; }

        public JsonElement Entry()
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder }))
            {
                LogEntryWriter.Write(writer, Context);
            }

            return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
        }

        public string Text(System.Text.Encodings.Web.JavaScriptEncoder encoder)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
            {
                LogEntryWriter.Write(writer, Context);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        public void Dispose()
        {
            Context.Dispose();
            _runtime.Dispose();
        }
    }
}
