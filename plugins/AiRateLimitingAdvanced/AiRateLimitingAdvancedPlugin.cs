using System.Collections.Concurrent;
using Gateway.Plugins.AiRateLimitingAdvanced.Configuration;
using Gateway.Plugins.AiRateLimitingAdvanced.Counters;
using Gateway.Plugins.AiRateLimitingAdvanced.Enforcement;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.AiRateLimitingAdvanced;

/// <summary>
/// Kong's ai-rate-limiting-advanced: token and cost budgets per consumer (or credential, IP, header, path, service)
/// over one or more windows, kept in this process or in Redis for every instance. Access checks the budget
/// (<see cref="CheckBudget"/>) and refuses with 429 before the provider is called; header_filter writes Kong's
/// headers; log adds the call's usage, which ai-proxy has published by then from its body filter.
/// </summary>
internal sealed class AiRateLimitingAdvancedPlugin : IGatewayPlugin, IConfigurePhase, IAccessPhase, IHeaderFilterPhase, ILogPhase, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RedisConnections _redis = new();

    // Keyed by the config object itself, as file-log does: each instance's object is what the phases receive.
    private readonly ConcurrentDictionary<object, RateLimitPolicy> _policies = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, LocalCounterStore> _localStores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RedisFailureReporter> _reporters = new(StringComparer.Ordinal);
    private readonly Lock _buildLock = new();

    public AiRateLimitingAdvancedPlugin(ILogger<AiRateLimitingAdvancedPlugin> logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
    }

    public string Name => "ai-rate-limiting-advanced";

    /// <summary>Kong's: after key-auth (1250), so the consumer is known; before ai-proxy (770), so a refused request
    /// never reaches the provider.</summary>
    public int Priority => 905;

    public string Version => "1.0.0";

    public Type ConfigType => typeof(AiRateLimitingAdvancedConfig);

    /// <summary>Compiles every instance and opens its Redis connection now, so the first request does not pay for it.
    /// An unreachable Redis does not fail startup: it is retried in the background.</summary>
    public ValueTask ConfigureAsync(IReadOnlyList<PluginInstance> instances, CancellationToken cancellationToken)
    {
        _policies.Clear();
        foreach (var instance in instances)
        {
            if (instance.Config is AiRateLimitingAdvancedConfig config)
            {
                Policy(config, instance.Id);
                if (config.SyncRate is { } sync && sync != -1 && config.Strategy == CounterStrategy.Local)
                {
                    _logger.LogWarning("ai-rate-limiting-advanced {Instance}: sync_rate is ignored with strategy: local (counters stay in this process)", instance.Id);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask AccessAsync(PluginContext context)
    {
        var config = context.GetConfig<AiRateLimitingAdvancedConfig>();
        var policy = Policy(config, context.Instance.Id);
        var state = context.GetState<RateLimitState>();
        state.Prepare(policy.Windows.Length);
        state.Identifier = ResolveIdentifier.Run(context, config);
        var now = UnixSeconds();
        await policy.Store.ReadAsync(policy.Windows, state.Identifier, now, state.Current, state.Previous).ConfigureAwait(false);
        state.Checked = true;
        if (!CheckBudget.Run(policy, state, now))
        {
            return;
        }

        var message = config.ErrorHideProviders
            ? config.ErrorMessage
            : config.ErrorMessage + string.Join(", ", CheckBudget.DeniedProviders(policy, state));
        context.Exit(config.ErrorCode, DenialBody.Create(message, context.RunsPlugin("ai-proxy")));
    }

    public ValueTask HeaderFilterAsync(PluginContext context)
    {
        var state = context.GetState<RateLimitState>();
        if (state.Checked)
        {
            var policy = Policy(context.GetConfig<AiRateLimitingAdvancedConfig>(), context.Instance.Id);
            WriteHeaders.Run(context.HttpContext.Response.Headers, policy, state);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Adds the call's usage to the provider's windows. A refused request counts nothing (Kong zeroes its
    /// usage); a call that never reached the provider has no usage.</summary>
    public ValueTask LogAsync(PluginContext context)
    {
        var state = context.GetState<RateLimitState>();
        if (!state.Checked || state.Denied || !context.TryGetShared(AiContextKeys.Usage, out var usage))
        {
            return ValueTask.CompletedTask;
        }

        var config = context.GetConfig<AiRateLimitingAdvancedConfig>();
        var amount = config.TokensCountStrategy switch
        {
            TokensCountStrategy.PromptTokens => usage.PromptTokens,
            TokensCountStrategy.CompletionTokens => usage.CompletionTokens,
            TokensCountStrategy.Cost => usage.Cost,
            _ => usage.TotalTokens,
        };
        var policy = Policy(config, context.Instance.Id);
        var (start, count) = policy.RangeOf(usage.Provider);
        if (count == 0 || !(amount > 0))
        {
            return ValueTask.CompletedTask;
        }

        return policy.Store.AddAsync(policy.Windows, start, count, state.Identifier, UnixSeconds(), amount);
    }

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    private double UnixSeconds() => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;

    private RateLimitPolicy Policy(AiRateLimitingAdvancedConfig config, string instanceId)
    {
        if (_policies.TryGetValue(config, out var policy))
        {
            return policy;
        }

        // Built once per instance under a lock: it may open a Redis connection, which must not happen twice.
        lock (_buildLock)
        {
            if (!_policies.TryGetValue(config, out policy))
            {
                policy = Build(config, instanceId);
                _policies[config] = policy;
            }

            return policy;
        }
    }

    private RateLimitPolicy Build(AiRateLimitingAdvancedConfig config, string instanceId)
    {
        var ns = string.IsNullOrEmpty(config.Namespace) ? instanceId : config.Namespace;
        var local = _localStores.GetOrAdd(ns, _ => new LocalCounterStore(_time));
        if (config.Strategy != CounterStrategy.Redis)
        {
            return new RateLimitPolicy(config, ns, local);
        }

        var endpoint = RedisConnections.Endpoint(config.Redis);
        var reporter = _reporters.GetOrAdd(endpoint, e => new RedisFailureReporter(_logger, _time, e, config.Redis.Password));
        var store = new RedisCounterStore(_redis.Get(config.Redis), config.Redis.Database, ns, local, reporter);
        return new RateLimitPolicy(config, ns, store);
    }
}
