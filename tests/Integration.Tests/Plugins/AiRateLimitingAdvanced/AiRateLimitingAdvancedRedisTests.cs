using System.Globalization;
using System.Text.Json;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.AiProxy;
using Microsoft.Extensions.Logging;

namespace Gateway.Integration.Tests.Plugins.AiRateLimitingAdvanced;

/// <summary>
/// <c>strategy: redis</c> against a real redis-server: two gateways share one budget exactly; Redis going away
/// lets traffic through with one warning per interval; Redis coming back resumes the shared count.
/// </summary>
public sealed class AiRateLimitingAdvancedRedisTests : IAsyncLifetime
{
    // The mock answers "[[mock:deltas:4]]" with exactly 4 output tokens: with limit 22 the 6th call takes the counter
    // to 24 and still passes (it was at 20 ≤ 22 when checked); the 7th is refused.
    private const int Limit = 22;
    private const int Admitted = (Limit / 4) + 1;

    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private const string AliceKey = "gw-alice-personal-key-0001";
    private const string BoKey = "gw-bo-personal-key-0002";

    // key-auth identifies each developer by a personal gateway key (priority 1250, before the budget at 905).
    private const string Team = """
        _format_version: "3.0"
        plugins:
          - name: key-auth
            config:
              key_names: [x-api-key]
              hide_credentials: true
        consumers:
          - username: alice
            keyauth_credentials:
              - key: gw-alice-personal-key-0001
          - username: bo
            keyauth_credentials:
              - key: gw-bo-personal-key-0002
        """;

    private string[] Budget(string strategy = "redis", int limit = Limit, string identifier = "header") =>
    [
        $"strategy: {strategy}",
        "namespace: team-budget",
        $"identifier: {identifier}",
        $"header_name: {BudgetGateways.MemberHeader}",
        "tokens_count_strategy: completion_tokens",
        "window_type: fixed",
        "llm_providers:",
        "  - name: anthropic",
        $"    limit: [{limit}]",
        "    window_size: [31536000]",
        .. BudgetGateways.RedisLines(_redis.Port),
    ];

    [Fact]
    public async Task TwoGateways_OneRedis_EachDevelopersBudgetIsSharedExactly()
    {
        await using var h = await BudgetGateways.StartAsync(2, Budget(identifier: "consumer"), extraYaml: Team);

        var statuses = new List<int>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < Admitted + 1; i++)
        {
            var response = await h.Gateways[i % 2].Client.SendAsync(BudgetGateways.CallWithKey(AliceKey));
            await response.Content.ReadAsStringAsync();
            statuses.Add((int)response.StatusCode);
            // The count lands in the log phase, after the client has its answer: wait for it, or the next call races it.
            await h.WaitForLoggedCallsAsync(i + 1);
            if ((int)response.StatusCode == 429)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        // The refusal comes on the 7th call whichever instance takes it, and the other instance refuses too.
        Assert.Equal([.. Enumerable.Repeat(200, Admitted), 429], statuses);
        using var other = await h.Gateways[Admitted % 2 == 0 ? 1 : 0].Client.SendAsync(BudgetGateways.CallWithKey(AliceKey));
        Assert.Equal(429, (int)other.StatusCode);

        // Counted from what the mock reported: six answers of four output tokens reached the provider, no more.
        var recorded = h.Mock.Requests;
        Assert.Equal(Admitted, recorded.Count);
        Assert.All(recorded, r => Assert.Equal(4, r.ResponseUsage!.OutputTokens));

        using (refused)
        {
            var body = JsonDocument.Parse(await refused!.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("rate_limit_error", body.GetProperty("error").GetProperty("type").GetString());
            Assert.Equal("AI token rate limit exceeded for provider(s): anthropic", body.GetProperty("error").GetProperty("message").GetString());
            Assert.Equal("22", refused.Headers.GetValues("X-AI-RateLimit-Limit-year-anthropic").Single());
            Assert.Equal("0", refused.Headers.GetValues("X-AI-RateLimit-Remaining-year-anthropic").Single());
            var retryAfter = long.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
            Assert.True(retryAfter >= 1);
            Assert.Equal(retryAfter.ToString(CultureInfo.InvariantCulture), refused.Headers.GetValues("X-AI-RateLimit-Retry-After").Single());
        }

        // Another developer's budget is untouched on both instances.
        using var bob = await h.Gateways[1].Client.SendAsync(BudgetGateways.CallWithKey(BoKey));
        Assert.Equal(200, (int)bob.StatusCode);
        Assert.Equal("22", bob.Headers.GetValues("X-AI-RateLimit-Remaining-year-anthropic").Single());
    }

    [Fact]
    public async Task TwoGateways_LocalStrategy_EachCountsOnlyItsOwnTraffic()
    {
        // The contrast that shows the test above measures sharing: without Redis each instance admits the full budget.
        await using var h = await BudgetGateways.StartAsync(2, Budget(strategy: "local"));

        var admitted = 0;
        for (var i = 0; i < 2 * (Admitted + 1); i++)
        {
            using var response = await h.Gateways[i % 2].Client.SendAsync(BudgetGateways.Call("alice"));
            admitted += (int)response.StatusCode == 200 ? 1 : 0;
        }

        Assert.Equal(2 * Admitted, admitted);
    }

    [Fact]
    public async Task RedisKilled_TrafficFlowsWithOneWarning_ThenCountingResumesWhenItIsBack()
    {
        await using var h = await BudgetGateways.StartAsync(1, Budget(limit: 1000));
        var gateway = h.Gateways[0];
        var logs = h.Logs[0];
        using (var first = await gateway.Client.SendAsync(BudgetGateways.Call("carol")))
        {
            Assert.Equal(200, (int)first.StatusCode);
        }

        await Eventually.TrueAsync(() => RedisCount("carol").GetAwaiter().GetResult() == 4, "the first call was not counted in Redis");

        await _redis.StopAsync();
        for (var i = 0; i < 10; i++)
        {
            using var response = await gateway.Client.SendAsync(BudgetGateways.Call("carol"));
            Assert.Equal(200, (int)response.StatusCode);
        }

        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains($"Redis at 127.0.0.1:{_redis.Port} failed", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);

        await _redis.StartAgainAsync();
        var back = $"Redis at 127.0.0.1:{_redis.Port} answers again";
        await Eventually.TrueAsync(() =>
        {
            // The client reconnects in the background; the next request that reaches Redis reports it.
            using var response = gateway.Client.Send(BudgetGateways.Call("carol"));
            return logs.Entries.Any(e => e.Level == LogLevel.Information && e.Message.Contains(back, StringComparison.Ordinal));
        }, "the gateway never reported Redis back", 30_000);

        // Redis restarted empty; from now on every call is counted there again.
        await Eventually.TrueAsync(() => RedisCount("carol").GetAwaiter().GetResult() > 0, "counting did not resume in Redis");
        var before = await RedisCount("carol");
        using (var again = await gateway.Client.SendAsync(BudgetGateways.Call("carol")))
        {
            Assert.Equal(200, (int)again.StatusCode);
        }

        await Eventually.TrueAsync(() => RedisCount("carol").GetAwaiter().GetResult() == before + 4, $"the call after the outage was not counted (before: {before})");
    }

    private async Task<double> RedisCount(string member)
    {
        const long year = 31_536_000;
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / year * year;
        var value = await _redis.CommandAsync($"GET ai-rla:team-budget:anthropic:{year}:{member}:{start}");
        return value is null or "$-1" ? 0 : double.Parse(value, CultureInfo.InvariantCulture);
    }
}
