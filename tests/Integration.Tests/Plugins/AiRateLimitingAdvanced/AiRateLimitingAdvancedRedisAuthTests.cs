using System.Globalization;
using Gateway.Integration.Tests.Infrastructure;
using Gateway.Integration.Tests.Plugins.AiProxy;
using Microsoft.Extensions.Logging;

namespace Gateway.Integration.Tests.Plugins.AiRateLimitingAdvanced;

/// <summary><c>redis.password</c> against a redis-server with <c>requirepass</c>: the right one shares counters, a
/// wrong one lets traffic through on local counters, and neither reaches a log line.</summary>
public sealed class AiRateLimitingAdvancedRedisAuthTests : IAsyncLifetime
{
    private const string Password = "redis-secret-5b1e0c7d";
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync(Password);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private string[] Budget(string password) =>
    [
        "strategy: redis",
        "namespace: auth-budget",
        "identifier: header",
        $"header_name: {BudgetGateways.MemberHeader}",
        "tokens_count_strategy: completion_tokens",
        "llm_providers:",
        "  - name: anthropic",
        "    limit: [1000]",
        "    window_size: [31536000]",
        .. BudgetGateways.RedisLines(_redis.Port),
        $"  password: {password}",
    ];

    [Fact]
    public async Task RightPassword_CountsInRedis_AndNeverLogsIt()
    {
        await using var h = await BudgetGateways.StartAsync(1, Budget(Password));

        using (var response = await h.Gateways[0].Client.SendAsync(BudgetGateways.Call("dana")))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        const long year = 31_536_000;
        var key = $"ai-rla:auth-budget:anthropic:{year}:dana:{DateTimeOffset.UtcNow.ToUnixTimeSeconds() / year * year}";
        await Eventually.TrueAsync(() => _redis.CommandAsync($"GET {key}").GetAwaiter().GetResult() == "4", "the call was not counted in Redis");
        Assert.DoesNotContain(h.Logs[0].Entries, e => e.Message.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongPassword_TrafficFlowsWithOneWarning_WithoutThePassword()
    {
        const string wrong = "wrong-secret-9f3a";
        await using var h = await BudgetGateways.StartAsync(1, Budget(wrong));

        for (var i = 0; i < 3; i++)
        {
            using var response = await h.Gateways[0].Client.SendAsync(BudgetGateways.Call("erin"));
            Assert.Equal(200, (int)response.StatusCode);
        }

        var entries = h.Logs[0].Entries;
        var warning = Assert.Single(entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"Redis at 127.0.0.1:{_redis.Port.ToString(CultureInfo.InvariantCulture)} failed", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Message.Contains(wrong, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(wrong, StringComparison.Ordinal) ?? false));
        Assert.NotNull(warning);
    }
}
