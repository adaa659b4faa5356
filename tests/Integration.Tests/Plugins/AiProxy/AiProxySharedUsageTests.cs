using System.Globalization;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>
/// The usage ai-proxy publishes to other plugins (<c>AiContextKeys.Usage</c>) is the one its log line carries: a
/// plugin with a lower priority reads it in its own log phase through the real pipeline.
/// </summary>
public sealed class AiProxySharedUsageTests
{
    private static readonly string[] ProbeLowReadsUsage =
    [
        "- name: probe-low",
        "  config:",
        "    tag: usage",
        "    record_ai_usage: true",
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LaterLogPhase_MessagesCall_SeesTheUsageTheLogLineCarries(bool stream)
    {
        ProbeCalls.EnsureInstalled();
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup
        {
            Options = ["input_cost: 3", "output_cost: 15", "cache_read_cost: 0.3", "cache_write_cost: 3.75"],
            Plugins = ProbeLowReadsUsage,
        });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:deltas:4]]", stream));
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(200, (int)response.StatusCode);

        var ai = (await h.LogEntryAsync(response))["ai"]!["proxy"]!;
        var usage = ai["usage"]!;
        var meta = ai["meta"]!;
        var details = usage["prompt_tokens_details"]!;
        var expected = string.Join('/',
            "anthropic",
            meta["request_model"]!.GetValue<string>(),
            meta["response_model"]!.GetValue<string>(),
            usage["prompt_tokens"]!.GetValue<long>(),
            usage["completion_tokens"]!.GetValue<long>(),
            details["cached_tokens"]!.GetValue<long>(),
            details["cache_creation_tokens"]!.GetValue<long>(),
            usage["total_tokens"]!.GetValue<long>(),
            usage["cost"]!.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
            meta["llm_latency"]!.GetValue<long>(),
            usage["time_to_first_token"]!.GetValue<long>() is var ttft and > 0 ? ttft : string.Empty,
            stream,
            false);
        var mock = (await h.SingleRecordedAsync()).ResponseUsage!;
        Assert.Equal(4, mock.OutputTokens);
        Assert.Contains($"probe-low:usage:ai-usage={expected}", ProbeCalls.For(AiProxyHarness.RequestId(response)));
    }

    [Fact]
    public async Task LaterLogPhase_CountTokensCall_SeesNoUsage()
    {
        ProbeCalls.EnsureInstalled();
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup { Plugins = ProbeLowReadsUsage });

        using var response = await h.Client.SendAsync(ClaudeCodeRequest.Post("/anything/v1/messages/count_tokens?beta=true",
            ClaudeCodeRequest.Body(stream: false), acceptEncoding: null));
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(200, (int)response.StatusCode);

        // The log phase runs after the client has the whole response: wait for it, as the test above does through
        // the log line, or a loaded machine sees only the earlier phases.
        var id = AiProxyHarness.RequestId(response);
        await Eventually.TrueAsync(() => ProbeCalls.For(id).Any(c => c.StartsWith("probe-low:usage:ai-usage=", StringComparison.Ordinal)), "probe-low's log phase never ran");
        Assert.Contains("probe-low:usage:ai-usage=none", ProbeCalls.For(id));
    }
}
