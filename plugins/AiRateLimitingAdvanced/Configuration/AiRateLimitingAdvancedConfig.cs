using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Configuration;

/// <summary>
/// The <c>config</c> object of an ai-rate-limiting-advanced instance: Kong 3.13's schema, field for field, so a
/// Kong decK file works unchanged. <see cref="AiRateLimitingAdvancedValidator"/> rejects, by name, every value this
/// gateway cannot honour (Lua functions, the <c>cluster</c> strategy, Redis Sentinel and Cluster).
/// </summary>
internal sealed record AiRateLimitingAdvancedConfig : IValidatableObject
{
    public const string DefaultErrorMessage = "AI token rate limit exceeded for provider(s): ";

    [Required(ErrorMessage = "llm_providers is required")]
    public IReadOnlyList<LlmProviderConfig>? LlmProviders { get; init; }

    /// <summary><c>consumer</c>, <c>consumer-group</c>, <c>credential</c>, <c>header</c>, <c>ip</c>, <c>path</c> or
    /// <c>service</c> (a string: <c>consumer-group</c> is not an enum-friendly name).</summary>
    public string Identifier { get; init; } = Identifiers.Consumer;

    public string? HeaderName { get; init; }

    public string? Path { get; init; }

    public TokensCountStrategy TokensCountStrategy { get; init; } = TokensCountStrategy.TotalTokens;

    public CounterStrategy Strategy { get; init; } = CounterStrategy.Local;

    /// <summary>Accepted (null, -1, 0 or at least 0.02). With <c>redis</c> every check and every count goes to Redis
    /// (Kong's <c>sync_rate: 0</c>); with <c>local</c> Kong forces -1, and so does this gateway.</summary>
    public double? SyncRate { get; init; }

    public WindowType WindowType { get; init; } = WindowType.Sliding;

    /// <summary>Accepted: counters live in the plugin's own memory, not a named shared dictionary.</summary>
    public string DictionaryName { get; init; } = "kong_rate_limiting_counters";

    /// <summary>Instances with the same namespace share counters; null means the instance's own id.</summary>
    public string? Namespace { get; init; }

    public int ErrorCode { get; init; } = 429;

    public string ErrorMessage { get; init; } = DefaultErrorMessage;

    public bool ErrorHideProviders { get; init; }

    public bool HideClientHeaders { get; init; }

    /// <summary>Seconds: a random 1..N is added to the retry-after of a refusal, so clients do not return together.</summary>
    public double RetryAfterJitterMax { get; init; }

    /// <summary>Accepted: it only concerns <c>requestPrompt</c>, which needs Lua and is rejected. Denied requests are
    /// never counted here.</summary>
    public bool DisablePenalty { get; init; }

    /// <summary>Accepted: Redis counters always keep fractions here (INCRBYFLOAT), so a <c>cost</c> budget is exact.</summary>
    public bool DecreaseByFractionsInRedis { get; init; }

    /// <summary>The request format; counting reads ai-proxy's usage, so any of Kong's values is accepted.</summary>
    public string LlmFormat { get; init; } = "openai";

    /// <summary>Kong's Lua hook for <c>requestPrompt</c>; bound only to be rejected by name.</summary>
    public string? RequestPromptCountFunction { get; init; }

    /// <summary>Kong's Lua hook for <c>customCost</c>; bound only to be rejected by name.</summary>
    public string? CustomCostCountFunction { get; init; }

    public RedisConfig Redis { get; init; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        AiRateLimitingAdvancedValidator.Validate(this);
}
