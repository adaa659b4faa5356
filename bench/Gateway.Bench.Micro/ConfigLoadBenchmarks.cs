using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Gateway.Host.Configuration.Declarative;
using Gateway.Host.Pipeline;
using Gateway.Plugins;
using Gateway.Plugins.FileLog;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Bench.Micro;

/// <summary>
/// What <c>check</c> and startup do with a decK file, minus process start: parse and apply the YAML, bind every
/// plugin config and build the chains, then the runtime (router, one upstream client and the pre-serialized JSON
/// per service and route). N services, each with one prefix route and one route-scoped file-log instance: the
/// shape of the 10,000-route configs the performance issue measured.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(5)]
public class ConfigLoadBenchmarks
{
    private ConfigSource _source = null!;
    private Dictionary<string, IGatewayPlugin> _plugins = null!;

    [Params(1, 10_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = new ConfigSource("bench.yaml", Deck(Services));
        _plugins = new Dictionary<string, IGatewayPlugin>
        {
            ["file-log"] = new FileLogPlugin(NullLogger<FileLogPlugin>.Instance, TimeProvider.System),
        };
    }

    [GlobalCleanup]
    public void Cleanup() => ((IDisposable)_plugins["file-log"]).Dispose();

    [Benchmark]
    public int LoadToRuntime()
    {
        var loaded = DeclarativeConfigLoader.Load([_source], _ => null);
        var config = loaded.Config ?? throw new InvalidOperationException(string.Join('\n', loaded.Errors));
        var errors = new List<string>();
        var chains = PluginChainBuilder.Build(config, _plugins, errors);
        if (errors.Count > 0)
            throw new InvalidOperationException(string.Join('\n', errors));
        using var runtime = new GatewayRuntime(config, chains);
        return runtime.Chains.ByRoute.Count;
    }

    /// <summary>The decK file: <paramref name="count"/> services, each with one route and one file-log on it.</summary>
    public static string Deck(int count)
    {
        var yaml = new StringBuilder("_format_version: \"3.0\"\nservices:\n");
        for (var i = 0; i < count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - name: svc{i}
                    url: http://upstream{i}.internal:8080/base
                    routes:
                      - name: route{i}
                        paths:
                          - /svc{i}/
                        plugins:
                          - name: file-log
                            config:
                              path: /tmp/gateway-bench-{i % 10}.log

                """);
        }

        return yaml.ToString();
    }
}
