using System.Text.Json;
using Gateway.Plugins.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Support;

/// <summary>
/// ai-rate-limiting-advanced in the real gateway (the testing package): the bundled plugins as a gateway ships them
/// (key-auth and ai-proxy beside it), the test's <see cref="TimeProvider"/> in the container, and
/// <see cref="TestUsagePlugin"/> turning the upstream's <c>x-test-usage</c> header into the call's usage. The upstream
/// echoes the request's <c>x-test-*</c> headers, so each request says what it "costs".
/// </summary>
internal sealed class BudgetGateway : IAsyncDisposable
{
    public const string RoutePath = "/anything";

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private BudgetGateway(PluginTestGateway gateway) => Gateway = gateway;

    public PluginTestGateway Gateway { get; }

    /// <summary>Starts a gateway whose route <c>/anything</c> (service <c>llm</c>) carries <paramref name="routePlugins"/>
    /// (YAML list items, indented for the route's <c>plugins:</c>); <paramref name="extraYaml"/> adds top-level
    /// sections such as <c>consumers</c>.</summary>
    public static async Task<BudgetGateway> StartAsync(TimeProvider time, string routePlugins, string extraYaml = "",
        Func<HttpContext, Task>? upstream = null, Action<PluginTestGatewayOptions>? configure = null)
    {
        var yaml = $$$"""
            _format_version: "3.0"
            services:
              - name: llm
                id: 5e9a2c1e-0000-4000-8000-000000000001
                url: ${{ env "DECK_UPSTREAM_URL" }}
                routes:
                  - name: claude
                    paths: [{{{RoutePath}}}]
                    plugins:
            {{{routePlugins}}}
            plugins:
              - name: test-usage
            {{{extraYaml}}}
            """;
        var gateway = await PluginTestGateway.StartAsync(yaml, o =>
        {
            o.AddBundledPlugins()
                .AddPlugin<TestUsagePlugin>()
                .UseUpstream(upstream ?? EchoUsage)
                .ConfigureServices(services => services.AddSingleton(time));
            configure?.Invoke(o);
        });
        return new BudgetGateway(gateway);
    }

    /// <summary>A route plugin entry for ai-rate-limiting-advanced with <paramref name="config"/> (JSON).</summary>
    public static string Budget(string config) => Entry("ai-rate-limiting-advanced", config);

    public static string Entry(string name, string config) => $"""
                  - name: {name}
                    config: {config}

        """;

    /// <summary>The budget config of the flow tests: one anthropic window, keyed by the client IP unless
    /// <paramref name="identifier"/> says otherwise.</summary>
    public static string Config(string windowType, double limit = 1000, double window = 60, string strategy = "total_tokens",
        bool hide = false, string provider = "anthropic", string? limits = null, string? windows = null, string identifier = "ip") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["llm_providers"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = provider,
                    ["limit"] = limits is null ? new[] { limit } : JsonSerializer.Deserialize<double[]>(limits)!,
                    ["window_size"] = windows is null ? new[] { window } : JsonSerializer.Deserialize<double[]>(windows)!,
                },
            },
            ["window_type"] = windowType,
            ["tokens_count_strategy"] = strategy,
            ["hide_client_headers"] = hide,
            ["identifier"] = identifier,
        });

    /// <summary>Sends one call from <paramref name="clientIp"/> whose upstream reports <paramref name="tokens"/>
    /// (and <paramref name="cost"/>), and returns once its log phase (where the budget counts it) has run.</summary>
    public async Task<Reply> SendAsync(long tokens, double cost = 0, string clientIp = "127.0.0.1", Action<HttpRequestMessage>? change = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{RoutePath}/v1/messages");
        request.Headers.Add(TestUsagePlugin.TokensHeader, tokens.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(TestUsagePlugin.CostHeader, cost.ToString(System.Globalization.CultureInfo.InvariantCulture));
        change?.Invoke(request);
        return await SendAsync(request, clientIp);
    }

    public async Task<Reply> SendAsync(HttpRequestMessage request, string clientIp = "127.0.0.1")
    {
        using var response = await Client(clientIp).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var entry = await Gateway.NextLogEntryAsync();
        var headers = response.Headers.Concat(response.Content.Headers)
            .Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value)))
            .ToList();
        return new Reply((int)response.StatusCode, body, headers, entry);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Gateway.DisposeAsync();
    }

    private HttpClient Client(string clientIp)
    {
        if (clientIp == "127.0.0.1")
        {
            return Gateway.Client;
        }

        if (!_clients.TryGetValue(clientIp, out var client))
        {
            client = LoopbackClient.From(Gateway.BaseAddress, clientIp);
            _clients[clientIp] = client;
        }

        return client;
    }

    private static async Task EchoUsage(HttpContext http)
    {
        foreach (var name in new[] { TestUsagePlugin.TokensHeader, TestUsagePlugin.CostHeader, TestUsagePlugin.ProviderHeader })
        {
            if (http.Request.Headers.TryGetValue(name, out var value))
            {
                http.Response.Headers[name] = value;
            }
        }

        await http.Response.WriteAsync("ok");
    }
}
