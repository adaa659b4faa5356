using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gateway.Host.Configuration.Model;
using Gateway.Host.Logging;
using Gateway.Host.Pipeline;
using Gateway.Plugins.AiProxy.Statistics;
using Gateway.Plugins.FileLog.Serialization;
using Microsoft.AspNetCore.Http;

namespace Gateway.Bench.Micro;

/// <summary>
/// The log line of one Claude Code request: the host's LogEntryWriter (kong.log.serialize: request and response
/// headers with redaction, latencies, tries, route, service, ai.proxy statistics) on a realistic RequestContext,
/// alone and through file-log's pooled line serializer; plus building the ai.proxy statistics objects.
/// </summary>
[MemoryDiagnoser]
public class LogSerializationBenchmarks
{
    private RequestContext _context = null!;
    private ArrayBufferWriter<byte> _buffer = null!;
    private Utf8JsonWriter _writer = null!;
    private GatewayRuntime _runtime = null!;
    // Boxed once, as the host holds a log value.
    private readonly object _meta = new MetaStatistics("6f1c2a4e-0000-4000-8000-000000000001", "anthropic", "claude-sonnet-4-5-20250929",
        "claude-sonnet-4-5-20250929", 1234, "stream", null, false, null);
    private readonly object _usage = new UsageStatistics(21753, 64, 21817, 0.0123, 19.3, 412, 14160, 5498);

    [GlobalSetup]
    public void Setup()
    {
        var service = new ServiceEntity { Id = "4e8b3c2a-0000-4000-8000-000000000002", Name = "example-service", Host = "127.0.0.1", Port = 9000, Path = "/anything" };
        var route = new RouteEntity { Id = "9a7d1e3f-0000-4000-8000-000000000003", Name = "example-route", ServiceId = service.Id, Paths = ["/anything"] };
        _runtime = new GatewayRuntime(new GatewayConfig([service], [route], []),
            new PluginChains(new Dictionary<string, PluginChain> { [route.Id] = PluginChain.Empty }, PluginChain.Empty, new Dictionary<Gateway.Plugins.IGatewayPlugin, IReadOnlyList<Gateway.Plugins.PluginInstance>>()));

        var http = new DefaultHttpContext();
        var request = http.Request;
        request.Method = "POST";
        request.Scheme = "http";
        request.Host = new HostString("127.0.0.1", 8000);
        request.Path = "/anything/v1/messages";
        request.QueryString = new QueryString("?beta=true");
        request.Protocol = "HTTP/1.1";
        request.ContentLength = 91_943;
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["accept"] = "application/json",
            ["accept-encoding"] = "identity",
            ["anthropic-beta"] = "claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14",
            ["anthropic-dangerous-direct-browser-access"] = "true",
            ["anthropic-version"] = "2023-06-01",
            ["authorization"] = "Bearer sk-ant-dummy",
            ["content-type"] = "application/json",
            ["user-agent"] = "claude-cli/2.1.328 (external, cli)",
            ["x-api-key"] = "sk-ant-operator-key",
            ["x-app"] = "cli",
            ["x-stainless-arch"] = "x64",
            ["x-stainless-lang"] = "js",
            ["x-stainless-os"] = "Linux",
            ["x-stainless-package-version"] = "0.60.0",
            ["x-stainless-retry-count"] = "0",
            ["x-stainless-runtime"] = "node",
            ["x-stainless-runtime-version"] = "v20.20.2",
            ["x-stainless-timeout"] = "600",
        })
        {
            request.Headers[name] = value;
        }

        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Connection.LocalPort = 8000;
        http.Response.StatusCode = 200;
        http.Response.Headers["content-type"] = "text/event-stream; charset=utf-8";
        http.Response.Headers["cache-control"] = "no-cache";
        http.Response.Headers["request-id"] = "req_011CQSj5HxdRgZtj9TgdmEPj";
        http.Response.Headers["X-Kong-Request-Id"] = "2f0c4b8e9d7a4c1e8b6f5a3d2c1b0a99";
        http.Response.Headers["X-Kong-LLM-Model"] = "anthropic/claude-sonnet-4-5-20250929";

        var start = Stopwatch.GetTimestamp();
        _context = new RequestContext(http, _runtime, start);
        var match = _runtime.Router.Match("POST", "127.0.0.1:8000", "/anything/v1/messages", request.Headers);
        _context.Route(match, PluginChain.Empty);
        _context.UpstreamStatus = 200;
        _context.UpstreamSent = start + 1000;
        _context.UpstreamHeadersReceived = start + 5000;
        _context.ResponseEnded = start + 90000;
        _context.ResponseBodyBytes = 9_876;
        _context.Upstream.Scheme = "http";
        _context.Upstream.Host = "127.0.0.1";
        _context.Upstream.Port = 9000;
        _context.Upstream.Path = "/v1/messages";
        _context.Upstream.Query = "?beta=true";
        _context.RecordTries([new Gateway.Host.Proxy.UpstreamTry(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), "127.0.0.1", 9000, 0.2, null)]);
        _context.RedactRequestHeader("x-api-key");
        _context.SetSerializeValue("ai.proxy.meta", _meta);
        _context.SetSerializeValue("ai.proxy.usage", _usage);
        // WriteLogEntry (file-log's path) is only allowed in the log phase.
        _context.Phase = RequestPhase.Log;

        _buffer = new ArrayBufferWriter<byte>(8192);
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = LogEntryWriter.Encoder });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context.Dispose();
        _runtime.Dispose();
        _writer.Dispose();
    }

    /// <summary>The host's serializer alone, into a reused buffer.</summary>
    [Benchmark(Baseline = true)]
    public long LogEntryWriter_Write()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        LogEntryWriter.Write(_writer, _context);
        _writer.Flush();
        return _writer.BytesCommitted;
    }

    /// <summary>What file-log does per request: the entry into a pooled line, handed back afterwards.</summary>
    [Benchmark]
    public int FileLog_LogLineSerializer()
    {
        var line = LogLineSerializer.Serialize(_context);
        var length = line.Length;
        line.Return();
        return length;
    }

    /// <summary>ai-proxy's statistics alone: ai.proxy.meta and ai.proxy.usage written into a reused buffer the way
    /// the host writes a plugin's log value (System.Text.Json, which hands them to their converters).</summary>
    [Benchmark]
    public long AiProxy_StatisticsJson()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WritePropertyName("meta");
        LogValueWriter.Write(_writer, _meta);
        _writer.WritePropertyName("usage");
        LogValueWriter.Write(_writer, _usage);
        _writer.WriteEndObject();
        _writer.Flush();
        return _writer.BytesCommitted;
    }
}
