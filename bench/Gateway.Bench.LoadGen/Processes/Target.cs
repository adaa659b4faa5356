using System.Net;
using Gateway.Bench.LoadGen.Workloads;

namespace Gateway.Bench.LoadGen.Processes;

/// <summary>One column of the report: where the client sends, with what path and headers, and the process
/// whose memory and allocations are read (none for the direct baseline).</summary>
internal sealed class Target(string key, string title)
{
    public const string Direct = "direct";
    public const string Forwarder = "forwarder";
    public const string Bare = "bare";
    public const string Gateway = "gateway";
    public const string Nginx = "nginx";
    public const string Portkey = "portkey";

    public static readonly string[] Keys = [Direct, Forwarder, Bare, Gateway, Nginx, Portkey];

    public string Key { get; } = key;

    public string Title { get; } = title;

    public IPEndPoint Endpoint { get; set; } = new(IPAddress.Loopback, 0);

    public string PathPrefix { get; set; } = string.Empty;

    public List<KeyValuePair<string, string>> Headers { get; } =
    [
        new("x-api-key", "sk-ant-bench-client"),
        new("anthropic-version", "2023-06-01"),
    ];

    /// <summary>The process under test (its RSS is reported); null for the direct baseline.</summary>
    public ManagedProcess? Process { get; set; }

    /// <summary>A .NET process: its GC allocation counters can be read over EventPipe.</summary>
    public bool IsDotnet { get; set; }

    /// <summary>Why the column has no figures (not installed, failed to start or to answer), or null.</summary>
    public string? Unavailable { get; set; }

    public bool Available => Unavailable is null;

    public string HostPort => $"127.0.0.1:{Endpoint.Port}";

    public byte[] Messages(byte[] body) => HttpRequest.Post(HostPort, PathPrefix + "/v1/messages", Headers, body);
}
