using System.Diagnostics;
using System.Net.Http.Headers;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.AiProxy;

namespace Gateway.Integration.Tests.Plugins.AiRateLimitingAdvanced;

/// <summary>
/// 64 concurrent clients, split over two gateways sharing a Redis cost budget, for a bounded time: the cost the
/// provider was really asked for (computed from the mock's reported usage) reaches the limit and never exceeds it by
/// more than the documented bound, one in-flight request per client (64 × the largest cost of one call).
/// </summary>
public sealed class AiRateLimitingAdvancedLoadTests : IAsyncLifetime
{
    private const int Clients = 64;

    // The 30 s: the budget is spent in the first seconds and then defended under full concurrency for the
    // rest, so a counter that drifts (a lost increment, a race between the check and the count) has time to show.
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task SixtyFourClients_TwoGatewaysOneRedis_AdmittedCostStaysWithinTheInFlightBound()
    {
        var oneCall = await CostOfOneCallAsync();
        // About 150 calls' worth: spent in the first seconds, then defended for the rest of the run.
        var limit = Math.Round(oneCall * 150, 6);
        await using var h = await BudgetGateways.StartAsync(2,
        [
            "strategy: redis",
            "namespace: load-budget",
            "identifier: header",
            $"header_name: {BudgetGateways.MemberHeader}",
            "tokens_count_strategy: cost",
            "llm_providers:",
            "  - name: anthropic",
            $"    limit: [{limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}]",
            "    window_size: [31536000]",
            .. BudgetGateways.RedisLines(_redis.Port),
        ]);

        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Clients).Select(async client =>
        {
            var gateway = h.Gateways[client % 2];
            while (clock.Elapsed < Duration)
            {
                using var response = await gateway.Client.SendAsync(BudgetGateways.Call("load"));
                await response.Content.ReadAsByteArrayAsync();
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            }
        });
        await Task.WhenAll(workers);

        var answered = h.Mock.Requests.Where(r => r.ResponseStatus == 200).ToList();
        var admittedCost = answered.Sum(r => BudgetGateways.Cost(r.ResponseUsage!));
        var largest = answered.Max(r => BudgetGateways.Cost(r.ResponseUsage!));
        var bound = limit + (Clients * largest);

        Assert.Equal([200, 429], statuses.Keys.Order());
        Assert.Equal(statuses[200], answered.Count);
        Assert.True(admittedCost >= limit, $"the budget was never reached: {admittedCost} of {limit}");
        Assert.True(admittedCost <= bound,
            $"admitted cost {admittedCost} exceeds limit {limit} + {Clients} in-flight calls × {largest} = {bound} ({answered.Count} calls admitted, {statuses[429]} refused)");
    }

    /// <summary>What one call costs, asked of a mock directly (the gateways' limit is set from it).</summary>
    private static async Task<double> CostOfOneCallAsync()
    {
        await using var mock = await Gateway.MockAnthropic.MockAnthropicServer.StartAsync(new Gateway.MockAnthropic.MockAnthropicOptions());
        using var client = new HttpClient { BaseAddress = mock.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent(ClaudeCodeRequest.Body("hi [[mock:deltas:4]]", stream: false)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-api-key", AiProxySetup.ConfiguredKey);
        request.Headers.TryAddWithoutValidation("anthropic-version", AiProxySetup.AnthropicVersion);
        using var response = await client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return BudgetGateways.Cost(Assert.Single(mock.Requests).ResponseUsage!);
    }
}
