using Gateway.Plugins.AiRateLimitingAdvanced.Configuration;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Configuration;

public sealed class AiRateLimitingAdvancedValidatorTests
{
    private static readonly AiRateLimitingAdvancedConfig Valid = new()
    {
        LlmProviders = [new LlmProviderConfig { Name = "anthropic", Limit = [1000], WindowSize = [60] }],
    };

    private static string Errors(AiRateLimitingAdvancedConfig config) =>
        string.Join("\n", AiRateLimitingAdvancedValidator.Validate(config).Select(r => $"{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));

    [Fact]
    public void Validate_KongDefaultsWithOneProvider_HasNoErrors() => Assert.Equal(string.Empty, Errors(Valid));

    [Fact]
    public void Validate_ClusterStrategy_SaysWhyAndWhatToUse() =>
        Assert.Contains("strategy: 'cluster' is not supported: this DB-less gateway has no database", Errors(Valid with { Strategy = CounterStrategy.Cluster }));

    [Fact]
    public void Validate_LuaFunctions_AreNotSupported()
    {
        var errors = Errors(Valid with { RequestPromptCountFunction = "return 1", CustomCostCountFunction = "return 2" });

        Assert.Contains("request_prompt_count_function: Lua functions are not supported", errors);
        Assert.Contains("custom_cost_count_function: Lua functions are not supported", errors);
    }

    [Fact]
    public void Validate_RequestPromptProvider_IsNotSupported() =>
        Assert.Contains("llm_providers[0].name: 'requestPrompt' is not supported",
            Errors(Valid with { LlmProviders = [new LlmProviderConfig { Name = "requestPrompt", Limit = [1], WindowSize = [60] }] }));

    [Fact]
    public void Validate_LimitAndWindowOfDifferentLengths_IsAnError() =>
        Assert.Contains("llm_providers[0]: limit and window_size must be non-empty arrays of the same length",
            Errors(Valid with { LlmProviders = [new LlmProviderConfig { Name = "anthropic", Limit = [1, 2], WindowSize = [60] }] }));

    [Fact]
    public void Validate_HeaderIdentifierWithoutHeaderName_IsAnError() =>
        Assert.Contains("header_name: is required with identifier: header", Errors(Valid with { Identifier = "header" }));

    [Fact]
    public void Validate_RedisSentinelAndCluster_AreNotSupported()
    {
        var nodes = System.Text.Json.JsonDocument.Parse("""[{"ip":"10.0.0.1","port":6379}]""").RootElement;
        var errors = Errors(Valid with { Strategy = CounterStrategy.Redis, Redis = new RedisConfig { SentinelMaster = "m", ClusterNodes = nodes } });

        Assert.Contains("redis.sentinel_master: Redis Sentinel is not supported", errors);
        Assert.Contains("redis.cluster_nodes: Redis Cluster is not supported", errors);
    }

    [Fact]
    public void Validate_SyncRateBelowKongsMinimum_IsAnError() =>
        Assert.Contains("sync_rate: must be -1, 0 or at least 0.02", Errors(Valid with { SyncRate = 0.01 }));
}
