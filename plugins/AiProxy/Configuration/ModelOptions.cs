using System.ComponentModel.DataAnnotations;
using Gateway.Plugins.AiProxy.Configuration.Providers;

namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>
/// Kong's <c>model.options</c>. The tuning values override the request body (config wins, as in Kong's translated
/// path); costs are per 1M tokens. Fields for other providers bind and are ignored: they have no effect for
/// Anthropic in Kong either.
/// </summary>
internal sealed record ModelOptions
{
    [Range(1, int.MaxValue, ErrorMessage = "model.options.max_tokens must be at least 1")]
    public int? MaxTokens { get; init; }

    [Range(0d, 5d, ErrorMessage = "model.options.temperature must be between 0 and 5")]
    public double? Temperature { get; init; }

    [Range(0d, 1d, ErrorMessage = "model.options.top_p must be between 0 and 1")]
    public double? TopP { get; init; }

    [Range(0, 500, ErrorMessage = "model.options.top_k must be between 0 and 500")]
    public int? TopK { get; init; }

    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "model.options.input_cost must be greater than 0")]
    public double? InputCost { get; init; }

    [Range(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "model.options.output_cost must be greater than 0")]
    public double? OutputCost { get; init; }

    /// <summary>Beyond Kong 3.13 (added in 3.14.0.13): price of cache reads per 1M tokens. Unset: input_cost.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "model.options.cache_read_cost must not be negative")]
    public double? CacheReadCost { get; init; }

    /// <summary>Beyond Kong 3.13: price of cache writes per 1M tokens. Unset: input_cost.</summary>
    [Range(0d, double.MaxValue, ErrorMessage = "model.options.cache_write_cost must not be negative")]
    public double? CacheWriteCost { get; init; }

    /// <summary>Sent as the <c>anthropic-version</c> header, overwriting the client's.</summary>
    public string? AnthropicVersion { get; init; }

    /// <summary>Replaces scheme, host and port of the upstream; its path, if any, is used for Messages calls.</summary>
    public string? UpstreamUrl { get; init; }

    /// <summary>Deprecated in Kong; rejected here (put the path in <see cref="UpstreamUrl"/>).</summary>
    public string? UpstreamPath { get; init; }

    /// <summary>Beyond Kong 3.13: on an <c>llm_format: anthropic</c> route to an OpenAI-compatible provider, the
    /// backend model for each model name the client sends (Claude Code's main and small/fast models).</summary>
    public IReadOnlyDictionary<string, string>? ModelAliases { get; init; }

    public string? AzureInstance { get; init; }

    public string? AzureApiVersion { get; init; } = "2023-05-15";

    public string? AzureDeploymentId { get; init; }

    public string? Llama2Format { get; init; }

    public string? MistralFormat { get; init; }

    public int? EmbeddingsDimensions { get; init; }

    public BedrockOptions? Bedrock { get; init; }

    public GeminiOptions? Gemini { get; init; }

    public HuggingfaceOptions? Huggingface { get; init; }

    public CohereOptions? Cohere { get; init; }

    public DashscopeOptions? Dashscope { get; init; }
}
