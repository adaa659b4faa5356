using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Bench.LoadGen.Http;
using Gateway.Bench.LoadGen.Workloads;

namespace Gateway.Bench.LoadGen.Processes;

/// <summary>
/// Starts the mock and the four proxies of one run, each on a free loopback port: the mock (and, by the caller,
/// the load generator) on CPU 1, every proxy under test on CPU 0. Cleans everything up on dispose.
/// </summary>
internal sealed class Lab : IAsyncDisposable
{
    public const int ProxyCpu = 0;
    public const int LoadCpu = 1;

    private readonly List<ManagedProcess> _processes = [];
    private readonly TextWriter _log;
    private readonly bool _pin;

    private Lab(string repoRoot, string configuration, string folder, TextWriter log, bool pin)
    {
        RepoRoot = repoRoot;
        Configuration = configuration;
        Folder = folder;
        _log = log;
        _pin = pin;
    }

    public string RepoRoot { get; }

    public string Configuration { get; }

    public string Folder { get; }

    public ManagedProcess? Mock { get; private set; }

    public int MockPort { get; private set; }

    public Dictionary<string, Target> Targets { get; } = [];

    public string HostDll => Path.Combine(RepoRoot, "src", "Host", "bin", Configuration, "net10.0", "Gateway.Host.dll");

    public string ForwarderDll => Path.Combine(RepoRoot, "bench", "Gateway.Bench.Forwarder", "bin", Configuration, "net10.0", "Gateway.Bench.Forwarder.dll");

    public string MockDll => Path.Combine(RepoRoot, "tools", "MockAnthropic", "bin", Configuration, "net10.0", "Gateway.MockAnthropic.dll");

    public string FileLogPath => Path.Combine(Folder, "file-log.json");

    public string? NginxVersion { get; private set; }

    public string? NodeVersion { get; private set; }

    /// <summary>The gateway column also records Prometheus metrics (<c>--with-prometheus</c>).</summary>
    public bool WithPrometheus { get; init; }

    /// <summary>The gateway column also runs ai-rate-limiting-advanced with this strategy (<c>--with-budget</c>).</summary>
    public BudgetStrategy? Budget { get; init; }

    /// <summary>The redis-server of <c>--with-budget redis</c>, on CPU 1 with the mock: like the upstream, it is a
    /// service the gateway calls, not part of the proxy under test.</summary>
    public RedisServer? Redis { get; private set; }

    /// <summary>A budget no run reaches (tokens per window), so the plugin checks and counts every request and
    /// refuses none: what is measured is the cost of budgeting, not of refusing.</summary>
    public const long BudgetLimit = 1_000_000_000_000;

    public static async Task<Lab> StartAsync(string repoRoot, string configuration, bool pin, bool skipInstall, TextWriter log, CancellationToken cancellationToken,
        bool withPrometheus = false, BudgetStrategy? budget = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gateway-bench-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var lab = new Lab(repoRoot, configuration, folder, log, pin) { WithPrometheus = withPrometheus, Budget = budget };
        try
        {
            await lab.StartAllAsync(skipInstall, cancellationToken);
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    private int? Cpu(int cpu) => _pin ? cpu : null;

    private async Task StartAllAsync(bool skipInstall, CancellationToken cancellationToken)
    {
        foreach (var dll in new[] { HostDll, MockDll, ForwarderDll })
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} not found: build the solution in {Configuration} first");
            }
        }

        if (Budget == BudgetStrategy.Redis)
        {
            // Before the gateway, which opens its Redis connection at startup, and before nginx's install: two
            // apt-get at once would fight over dpkg's lock.
            await StartRedisAsync(skipInstall, cancellationToken);
        }

        // Installs run while the .NET processes start.
        var nginxInstall = skipInstall ? Task.FromResult<(string?, string?)>((Installers.FindNginx(), Installers.FindNginx() is null ? "nginx not installed (--no-install)" : null)) : Installers.EnsureNginxAsync(_log);
        var portkeyInstall = skipInstall ? Task.FromResult(PortkeyNoInstall()) : Installers.EnsurePortkeyAsync(RepoRoot, _log);

        MockPort = FreePort();
        Mock = Track(ManagedProcess.Start("mock", "dotnet",
            [MockDll, "--urls", $"http://127.0.0.1:{MockPort}", "--latency-ms", "0", "--deltas", "64", "--delta-interval-ms", "20",
             "--max-recorded-body-bytes", "0", "--max-recorded-requests", "1"],
            Cpu(LoadCpu), DotnetEnvironment()));
        var direct = new Target(Target.Direct, "direct") { Endpoint = new IPEndPoint(IPAddress.Loopback, MockPort) };
        Targets[direct.Key] = direct;

        var forwarder = StartForwarder();
        var bare = StartHost(Target.Bare, "bare proxy", BareYaml());
        var gateway = StartHost(Target.Gateway, "gateway", GatewayYaml());
        gateway.PathPrefix = "/anything";

        await WaitReadyAsync(direct, "/v1/models", cancellationToken);
        await Task.WhenAll(WaitReadyAsync(forwarder, "/v1/models", cancellationToken), WaitReadyAsync(bare, "/v1/models", cancellationToken), WaitReadyAsync(gateway, "/anything/v1/models", cancellationToken));
        if (Budget is not null)
        {
            await VerifyBudgetAsync(gateway, cancellationToken);
        }

        var nginx = new Target(Target.Nginx, "nginx");
        Targets[nginx.Key] = nginx;
        var (nginxPath, nginxProblem) = await nginxInstall;
        if (nginxPath is null)
        {
            nginx.Unavailable = nginxProblem;
        }
        else
        {
            StartNginx(nginx, nginxPath);
            await WaitReadyAsync(nginx, "/v1/models", cancellationToken);
        }

        var portkey = new Target(Target.Portkey, "Portkey");
        Targets[portkey.Key] = portkey;
        var (script, portkeyProblem) = await portkeyInstall;
        if (script is null)
        {
            portkey.Unavailable = portkeyProblem;
        }
        else
        {
            StartPortkey(portkey, script);
            await WaitReadyAsync(portkey, "/", cancellationToken);
        }
    }

    private async Task StartRedisAsync(bool skipInstall, CancellationToken cancellationToken)
    {
        var (binary, problem) = skipInstall
            ? (Installers.FindRedis(), "redis-server not installed (--no-install)")
            : await Installers.EnsureRedisAsync(_log);
        if (binary is null)
        {
            throw new InvalidOperationException("--with-budget redis needs redis-server: " + problem);
        }

        Redis = await RedisServer.StartAsync(binary, FreePort(), Cpu(LoadCpu), cancellationToken);
        Track(Redis.Process);
    }

    /// <summary>
    /// Fails the run unless the budget is really on: one request through the gateway must carry the plugin's
    /// per-window header and, with Redis, leave counters in Redis (the plugin counts locally, and says so in its
    /// log, when Redis is unreachable; that run would measure the wrong path).
    /// </summary>
    private async Task VerifyBudgetAsync(Target gateway, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{gateway.HostPort}{gateway.PathPrefix}/v1/messages")
        {
            Content = new ByteArrayContent(RequestBodies.Small()),
        };
        request.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in gateway.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var expected = BudgetLimit.ToString(CultureInfo.InvariantCulture);
        if (!response.IsSuccessStatusCode || !response.Headers.TryGetValues(BudgetHeader, out var limit) || limit.FirstOrDefault() != expected)
        {
            throw new InvalidOperationException(
                $"--with-budget: the gateway answered {(int)response.StatusCode} without {BudgetHeader}: {expected}, so ai-rate-limiting-advanced is not on; output: {Tail(gateway.Process!.OutputTail)}");
        }

        if (Redis is null)
        {
            return;
        }

        // The count is written in the log phase, after the response.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Redis.KeyCountAsync(cancellationToken) <= 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"--with-budget redis: no counter reached Redis on port {Redis.Port} after a request; gateway output: {Tail(gateway.Process!.OutputTail)}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private const string BudgetHeader = "X-AI-RateLimit-Limit-minute-anthropic";

    private (string?, string?) PortkeyNoInstall()
    {
        var script = Path.Combine(RepoRoot, ".cache", "portkey", "node_modules", "@portkey-ai", "gateway", "build", "start-server.js");
        return File.Exists(script) ? (script, null) : (null, "Portkey not installed (--no-install)");
    }

    private ManagedProcess Track(ManagedProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private static Dictionary<string, string> DotnetEnvironment() => new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    /// <summary>The .NET environment plus every <c>BENCH_HOST_X=v</c> of the harness's own environment as
    /// <c>X=v</c>, so runtime settings can be compared without a rebuild (e.g. BENCH_HOST_DOTNET_gcServer=0).</summary>
    private static Dictionary<string, string> HostEnvironment()
    {
        var environment = DotnetEnvironment();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith("BENCH_HOST_", StringComparison.Ordinal) && entry.Value is string value)
            {
                environment[name["BENCH_HOST_".Length..]] = value;
            }
        }

        return environment;
    }

    private Target StartHost(string key, string title, string yaml)
    {
        var target = StartHostProcess(key, title, yaml);
        Targets[key] = target;
        return target;
    }

    /// <summary>Starts a gateway host on a free port, pinned, with the bundled plugins; not a column.</summary>
    private Target StartHostProcess(string key, string title, string yaml, params string[] extraArgs)
    {
        var port = FreePort();
        var config = Path.Combine(Folder, key + ".yaml");
        File.WriteAllText(config, yaml);
        var catalog = Path.Combine(Folder, "plugins.json");
        File.WriteAllText(catalog, $$"""
            {"plugins":[
              {"name":"ai-proxy","path":{{Quote(Path.Combine(RepoRoot, "artifacts", "plugins", "AiProxy", "Gateway.Plugins.AiProxy.dll"))}}},
              {"name":"file-log","path":{{Quote(Path.Combine(RepoRoot, "artifacts", "plugins", "FileLog", "Gateway.Plugins.FileLog.dll"))}}},
              {"name":"prometheus","path":{{Quote(Path.Combine(RepoRoot, "artifacts", "plugins", "Prometheus", "Gateway.Plugins.Prometheus.dll"))}}},
              {"name":"ai-rate-limiting-advanced","path":{{Quote(Path.Combine(RepoRoot, "artifacts", "plugins", "AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced.dll"))}}}
            ]}
            """);
        var target = new Target(key, title)
        {
            Endpoint = new IPEndPoint(IPAddress.Loopback, port),
            IsDotnet = true,
        };
        target.Process = Track(ManagedProcess.Start(key, "dotnet",
            [HostDll, "--plugins", catalog, "--config", config, "--urls", $"http://127.0.0.1:{port}", .. extraArgs],
            Cpu(ProxyCpu), HostEnvironment()));
        return target;
    }

    /// <summary>
    /// Starts a gateway whose config has <paramref name="routes"/> services, each with one prefix route
    /// <c>/svcN/</c> and a route-scoped file-log (ConfigLoadBenchmarks.Deck's shape, pointed at the mock), and
    /// times it from process start to its first <c>GET /status/ready</c> 200 (polled every 10 ms on
    /// <c>--status-urls</c>). Nothing else runs on the proxy core meanwhile.
    /// </summary>
    public async Task<ScaleGateway> StartScaleGatewayAsync(int routes, CancellationToken cancellationToken)
    {
        var yaml = new StringBuilder("_format_version: \"3.0\"\nservices:\n");
        for (var i = 0; i < routes; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - name: svc{i}
                    url: http://127.0.0.1:{MockPort}
                    routes:
                      - name: route{i}
                        paths:
                          - /svc{i}/
                        plugins:
                          - name: file-log
                            config:
                              path: {Path.Combine(Folder, $"deck-{i % 10}.log")}

                """);
        }

        var statusPort = FreePort();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var target = StartHostProcess($"routes{routes}", $"{routes} routes", yaml.ToString(), "--status-urls", $"http://127.0.0.1:{statusPort}");
        target.PathPrefix = $"/svc{routes - 1}";
        var ready = HttpRequest.Get($"127.0.0.1:{statusPort}", "/status/ready");
        var status = new IPEndPoint(IPAddress.Loopback, statusPort);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (target.Process!.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the {routes}-route gateway did not get ready; output: {Tail(target.Process.OutputTail)}");
            }

            try
            {
                using var connection = new RawHttpConnection(status);
                if (await connection.SendAsync(ready, null, cancellationToken) == 200)
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
            }

            await Task.Delay(10, cancellationToken);
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return new ScaleGateway(target, elapsed, target.Process.RssBytes(), ManagedProcess.ReadStatusBytes(target.Process.Id, "VmHWM:"));
    }

    /// <summary>Stops a process this lab started before the lab ends.</summary>
    public void Stop(ManagedProcess process)
    {
        _processes.Remove(process);
        process.Dispose();
    }

    /// <summary>The floor under the bare proxy: YARP's direct forwarder alone (bench/Gateway.Bench.Forwarder), pinned
    /// and with the same environment as the hosts.</summary>
    private Target StartForwarder()
    {
        var port = FreePort();
        var target = new Target(Target.Forwarder, "YARP forwarder")
        {
            Endpoint = new IPEndPoint(IPAddress.Loopback, port),
            IsDotnet = true,
        };
        target.Process = Track(ManagedProcess.Start(Target.Forwarder, "dotnet",
            [ForwarderDll, "--urls", $"http://127.0.0.1:{port}", "--upstream", $"http://127.0.0.1:{MockPort}"],
            Cpu(ProxyCpu), HostEnvironment()));
        Targets[target.Key] = target;
        return target;
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>The YARP floor: one route to the mock, no plugins.</summary>
    private string BareYaml() => $"""
        _format_version: "3.0"
        services:
          - name: mock
            url: http://127.0.0.1:{MockPort}
        routes:
          - name: all
            paths:
              - "/"
            service:
              name: mock
        """;

    /// <summary>The route of the gateway column that speaks OpenAI Chat Completions to clients (issue 11).</summary>
    public const string OpenAiPath = "/openai";

    /// <summary>The Claude Code tutorial's setup (the host's embedded default) pointed at the mock: global ai-proxy
    /// with log_statistics and upstream_url, global file-log to a temp file; a body limit above the 4 MB workload.
    /// Beside it, route <see cref="OpenAiPath"/> with a route-scoped ai-proxy in <c>llm_format: openai</c> (as in
    /// examples/openai-clients), which only the openai workload calls.</summary>
    private string GatewayYaml() => $"""
        _format_version: "3.0"
        services:
          - name: example-service
            url: http://127.0.0.1:{MockPort}/anything
        routes:
          - name: example-route
            paths:
              - "/anything"
            service:
              name: example-service
          - name: openai-route
            paths:
              - "{OpenAiPath}"
            service:
              name: example-service
        plugins:
          - name: ai-proxy
            route: openai-route
            config:
              route_type: llm/v1/chat
              llm_format: openai
              auth:
                header_name: x-api-key
                header_value: sk-ant-bench-operator
              model:
                provider: anthropic
                name: {RequestBodies.Model}
                options:
                  anthropic_version: "2023-06-01"
                  upstream_url: http://127.0.0.1:{MockPort}/v1/messages
              logging:
                log_statistics: true
          - name: ai-proxy
            config:
              route_type: llm/v1/chat
              llm_format: anthropic
              auth:
                header_name: x-api-key
                header_value: sk-ant-bench-operator
              model:
                provider: anthropic
                name: {RequestBodies.Model}
                options:
                  anthropic_version: "2023-06-01"
                  upstream_url: http://127.0.0.1:{MockPort}/v1/messages
              max_request_body_size: 16777216
              logging:
                log_statistics: true
          - name: file-log
            config:
              path: {FileLogPath}
        {(WithPrometheus ? PrometheusYaml : string.Empty)}
        {BudgetYaml()}
        """;

    private const string PrometheusYaml = """
          - name: prometheus
            config:
              status_code_metrics: true
              latency_metrics: true
              bandwidth_metrics: true
              ai_metrics: true
        """;

    /// <summary>Kong's decK shape: per client IP (the load generator is one client), total tokens, a minute and an
    /// hour window of <see cref="BudgetLimit"/> each; with Redis, the server this lab started.</summary>
    private string BudgetYaml() => Budget switch
    {
        null => string.Empty,
        BudgetStrategy.Local => BudgetPluginYaml("local"),
        _ => BudgetPluginYaml("redis") + $"""

                  redis:
                    host: 127.0.0.1
                    port: {Redis!.Port}
            """,
    };

    private static string BudgetPluginYaml(string strategy) => $"""
          - name: ai-rate-limiting-advanced
            config:
              identifier: ip
              tokens_count_strategy: total_tokens
              strategy: {strategy}
              llm_providers:
                - name: anthropic
                  limit: [{BudgetLimit}, {BudgetLimit}]
                  window_size: [60, 3600]
        """;

    private void StartNginx(Target target, string nginx)
    {
        var port = FreePort();
        target.Endpoint = new IPEndPoint(IPAddress.Loopback, port);
        var prefix = Path.Combine(Folder, "nginx");
        Directory.CreateDirectory(prefix);
        var user = Installers.IsRoot() ? "user root root;\n" : string.Empty;
        var conf = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(conf, $$"""
            {{user}}worker_processes 1;
            worker_rlimit_nofile 16384;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 8192; }
            http {
              access_log off;
              client_body_temp_path {{prefix}}/client_body;
              proxy_temp_path {{prefix}}/proxy;
              fastcgi_temp_path {{prefix}}/fastcgi;
              uwsgi_temp_path {{prefix}}/uwsgi;
              scgi_temp_path {{prefix}}/scgi;
              client_max_body_size 16m;
              client_body_buffer_size 8m;
              keepalive_requests 1000000;
              upstream mock {
                server 127.0.0.1:{{MockPort}};
                keepalive 1024;
                keepalive_requests 1000000;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://mock;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  # Streams must not wait in nginx buffers; the gateway does not buffer either.
                  proxy_buffering off;
                  proxy_read_timeout 60s;
                }
              }
            }
            """);
        target.Process = Track(ManagedProcess.Start("nginx", nginx, ["-p", prefix, "-c", conf, "-g", "daemon off;"], Cpu(ProxyCpu)));
        NginxVersion = Installers.RunAsync(nginx, ["-v"], null, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult().Output.Trim();
    }

    private void StartPortkey(Target target, string script)
    {
        var port = FreePort();
        target.Endpoint = new IPEndPoint(IPAddress.Loopback, port);
        target.Headers.Add(new("x-portkey-provider", "anthropic"));
        target.Headers.Add(new("x-portkey-custom-host", $"http://127.0.0.1:{MockPort}/v1"));
        target.Process = Track(ManagedProcess.Start("portkey", "node", [script, $"--port={port}", "--headless"], Cpu(ProxyCpu),
            new Dictionary<string, string> { ["NODE_ENV"] = "production" }, Path.GetDirectoryName(script)));
        NodeVersion = Installers.RunAsync("node", ["--version"], null, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult().Output.Trim();
    }

    private async Task WaitReadyAsync(Target target, string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var request = HttpRequest.Get(target.HostPort, path);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (target.Process?.HasExited == true || (target.Key == Target.Direct && Mock!.HasExited))
            {
                break;
            }

            try
            {
                using var connection = new RawHttpConnection(target.Endpoint);
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                cts.CancelAfter(TimeSpan.FromSeconds(5));
                await connection.SendAsync(request, null, cts.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = ex;
                await Task.Delay(100, cancellationToken);
            }
        }

        var output = (target.Key == Target.Direct ? Mock : target.Process)?.OutputTail ?? string.Empty;
        var reason = $"{target.Title} did not answer on {target.HostPort} ({last?.Message ?? "exited"}); output: {Tail(output)}";
        if (target.Key is Target.Direct or Target.Forwarder or Target.Bare or Target.Gateway)
        {
            throw new InvalidOperationException(reason);
        }

        target.Unavailable = reason;
    }

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(5));
    }

    public static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    public ValueTask DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            _processes[i].Dispose();
        }

        _processes.Clear();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }

    public static string Describe(IEnumerable<string> parts) => string.Join(", ", parts);

    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Ascii(byte[] bytes, int max) => Encoding.ASCII.GetString(bytes, 0, Math.Min(max, bytes.Length));
}
