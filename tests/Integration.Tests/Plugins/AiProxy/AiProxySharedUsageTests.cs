using System.Globalization;
using Gateway.Integration.Tests.Infrastructure;

namespace Gateway.Integration.Tests.Plugins.AiProxy;

/// <summary>
/// The usage ai-proxy publishes to other plugins (<c>AiContextKeys.Usage</c>) is the one its log line carries: a
/// plugin with a lower priority reads it in its own log phase through the real pipeline, and so does one with a
/// higher priority (a budget at 905), whose log phase runs before ai-proxy's: ai-proxy publishes from its body filter.
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

    private static readonly string[] ProbeHighReadsUsage =
    [
        "- name: probe-high",
        "  config:",
        "    tag: usage",
        "    record_ai_usage: true",
    ];

    [Theory]
    [InlineData(true, "probe-low")]
    [InlineData(false, "probe-low")]
    [InlineData(true, "probe-high")]
    [InlineData(false, "probe-high")]
    public async Task LaterOrEarlierLogPhase_MessagesCall_SeesTheUsageTheLogLineCarries(bool stream, string probe)
    {
        ProbeCalls.EnsureInstalled();
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup
        {
            Options = ["input_cost: 3", "output_cost: 15", "cache_read_cost: 0.3", "cache_write_cost: 3.75"],
            Plugins = probe == "probe-low" ? ProbeLowReadsUsage : ProbeHighReadsUsage,
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
        // probe-low's log phase (priority 5) runs after file-log's (9): the line can be read before it ran.
        var id = AiProxyHarness.RequestId(response);
        await Eventually.TrueAsync(() => ProbeCalls.For(id).Any(c => c.StartsWith($"{probe}:usage:ai-usage=", StringComparison.Ordinal)), $"{probe}'s log phase never ran");
        Assert.Contains($"{probe}:usage:ai-usage={expected}", ProbeCalls.For(id));
    }

    [Fact]
    public async Task EarlierLogPhase_ClientLeavesMidStream_SeesThePromptUsageAlreadyReported()
    {
        ProbeCalls.EnsureInstalled();
        await using var h = await AiProxyHarness.StartAsync(new AiProxySetup
        {
            Options = ["input_cost: 3", "output_cost: 15"],
            Plugins = ProbeHighReadsUsage,
        });

        using (var cts = new CancellationTokenSource())
        {
            using var response = await h.Client.SendAsync(ClaudeCodeRequest.Messages("hi [[mock:hold-after-first-event]]", stream: true),
                HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var body = await response.Content.ReadAsStreamAsync(cts.Token);
            var buffer = new byte[4096];
            var seen = new System.Text.StringBuilder();
            while (!seen.ToString().Contains("message_start", StringComparison.Ordinal))
            {
                var read = await body.ReadAsync(buffer, cts.Token);
                Assert.True(read > 0, "the stream ended before message_start");
                seen.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
            }

            await cts.CancelAsync();
        }

        var entry = await h.OnlyLogEntryAsync();
        var prompt = entry["ai"]!["proxy"]!["usage"]!["prompt_tokens"]!.GetValue<long>();
        Assert.True(prompt > 0);
        h.Mock.ReleaseHeld();
        var requestId = entry["request"]!["id"]!.GetValue<string>();
        var line = Assert.Single(ProbeCalls.For(requestId), l => l.StartsWith("probe-high:usage:ai-usage=", StringComparison.Ordinal));
        var fields = line["probe-high:usage:ai-usage=".Length..].Split('/');
        Assert.Equal("anthropic", fields[0]);
        Assert.Equal(prompt.ToString(CultureInfo.InvariantCulture), fields[3]);
        Assert.Equal("True", fields[^1]);
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
        // The log phase runs after the client has the response: wait for its line (file-log runs after probe-low).
        await h.LogEntryAsync(response);

        // The log phase runs after the client has the whole response: wait for it, as the test above does through
        // the log line, or a loaded machine sees only the earlier phases.
        var id = AiProxyHarness.RequestId(response);
        await Eventually.TrueAsync(() => ProbeCalls.For(id).Any(c => c.StartsWith("probe-low:usage:ai-usage=", StringComparison.Ordinal)), "probe-low's log phase never ran");
        Assert.Contains("probe-low:usage:ai-usage=none", ProbeCalls.For(id));
    }
}
