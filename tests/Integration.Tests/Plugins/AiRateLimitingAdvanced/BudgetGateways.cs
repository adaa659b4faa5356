using Gateway.Integration.Tests.Plugins.AiProxy;
using Gateway.MockAnthropic;

namespace Gateway.Integration.Tests.Plugins.AiRateLimitingAdvanced;

/// <summary>
/// The mock Anthropic server and one or more real gateways in front of it, each with ai-proxy, file-log and the
/// given ai-rate-limiting-advanced config (global, so every gateway derives the same instance id, as identical
/// instances behind a load balancer would).
/// </summary>
internal sealed class BudgetGateways : IAsyncDisposable
{
    public const string MemberHeader = "x-team-member";
    public const string Prices = "input_cost: 3\noutput_cost: 15\ncache_read_cost: 0.3\ncache_write_cost: 3.75";

    private static readonly Dictionary<string, string> Catalog = new(PluginCatalogFile.Standard)
    {
        ["ai-rate-limiting-advanced"] = RepoPaths.BundledPlugin("AiRateLimitingAdvanced", "Gateway.Plugins.AiRateLimitingAdvanced"),
    };

    private readonly TempFolder _folder;

    private BudgetGateways(TempFolder folder, MockAnthropicServer mock, GatewayTestHost[] gateways, RecordingLoggerProvider[] logs)
    {
        _folder = folder;
        Mock = mock;
        Gateways = gateways;
        Logs = logs;
    }

    public MockAnthropicServer Mock { get; }

    public GatewayTestHost[] Gateways { get; }

    public RecordingLoggerProvider[] Logs { get; }

    /// <param name="budget">The plugin's <c>config:</c> lines.</param>
    /// <param name="extraYaml">Another decK file applied after the first, e.g. consumers and key-auth.</param>
    public static async Task<BudgetGateways> StartAsync(int count, IReadOnlyList<string> budget, MockAnthropicOptions? mockOptions = null, string? extraYaml = null)
    {
        var folder = new TempFolder();
        var mock = await MockAnthropicServer.StartAsync(mockOptions ?? new MockAnthropicOptions { ExpectedApiKey = AiProxySetup.ConfiguredKey, MaxRecordedRequests = 100_000 });
        var gateways = new List<GatewayTestHost>();
        var logs = new List<RecordingLoggerProvider>();
        try
        {
            var setup = new AiProxySetup
            {
                Options = Prices.Split('\n'),
                Plugins = ["- name: ai-rate-limiting-advanced", "  config:", .. budget.Select(line => "    " + line)],
            };
            for (var i = 0; i < count; i++)
            {
                var log = new RecordingLoggerProvider();
                var main = setup.ToYaml($"http://127.0.0.1:{mock.BaseUri.Port}/v1/messages", folder.File($"gateway-{i}.log"));
                gateways.Add(await GatewayTestHost.StartAsync(extraYaml is null ? [main] : [main, extraYaml], plugins: Catalog, loggerProvider: log));
                logs.Add(log);
            }

            return new BudgetGateways(folder, mock, [.. gateways], [.. logs]);
        }
        catch
        {
            foreach (var gateway in gateways)
            {
                await gateway.DisposeAsync();
            }

            await mock.DisposeAsync();
            folder.Dispose();
            throw;
        }
    }

    /// <summary>A non-streamed Claude Code Messages call for <paramref name="member"/>; the mock answers with exactly
    /// four output tokens.</summary>
    public static HttpRequestMessage Call(string member, bool stream = false)
    {
        var request = ClaudeCodeRequest.Messages("hi [[mock:deltas:4]]", stream);
        request.Headers.TryAddWithoutValidation(MemberHeader, member);
        return request;
    }

    /// <summary>The same call as a team member's Claude Code sends it: the personal gateway key as <c>x-api-key</c>.</summary>
    /// <summary>Waits until the gateways' file-log lines number <paramref name="count"/>. file-log's log phase (priority
    /// 9) runs after the budget's (905), so a call whose line is written has been counted: sequential calls that wait
    /// for it see every earlier call's usage, as the one in-flight request per client the docs allow is then zero.</summary>
    public async Task WaitForLoggedCallsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var lines = 0;
            for (var i = 0; i < Gateways.Length; i++)
            {
                var path = _folder.File($"gateway-{i}.log");
                lines += File.Exists(path) ? File.ReadAllLines(path).Count(l => l.Length > 0) : 0;
            }

            if (lines >= count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"{lines} of {count} calls logged after 15 s");
            }

            await Task.Delay(20);
        }
    }

    public static HttpRequestMessage CallWithKey(string personalKey)
    {
        var request = ClaudeCodeRequest.Messages("hi [[mock:deltas:4]]", stream: false);
        request.Headers.Remove("x-api-key");
        request.Headers.Remove("authorization");
        request.Headers.TryAddWithoutValidation("x-api-key", personalKey);
        return request;
    }

    /// <summary>The cost of one mock answer at <see cref="Prices"/>, from the counts the mock reported.</summary>
    public static double Cost(MockUsage usage) =>
        ((usage.InputTokens * 3.0) + (usage.CacheReadInputTokens * 0.3) + (usage.CacheCreationInputTokens * 3.75) + (usage.OutputTokens * 15.0)) / 1_000_000;

    public static string[] RedisLines(int port) => ["redis:", "  host: 127.0.0.1", $"  port: {port}"];

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in Gateways)
        {
            await gateway.DisposeAsync();
        }

        await Mock.DisposeAsync();
        _folder.Dispose();
    }
}
