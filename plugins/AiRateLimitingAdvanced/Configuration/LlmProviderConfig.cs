using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Configuration;

/// <summary>One <c>llm_providers[]</c> entry: a provider and its windows (<c>limit[i]</c> per <c>window_size[i]</c>
/// seconds).</summary>
internal sealed record LlmProviderConfig
{
    /// <summary>Kong's provider names; <c>requestPrompt</c> and <c>customCost</c> need Lua functions.</summary>
    internal static readonly string[] Names =
        ["anthropic", "azure", "bedrock", "cohere", "gemini", "huggingface", "llama2", "mistral", "openai", "requestPrompt", "customCost"];

    [Required(ErrorMessage = "name is required")]
    public string? Name { get; init; }

    [Required(ErrorMessage = "limit is required")]
    public IReadOnlyList<double>? Limit { get; init; }

    [Required(ErrorMessage = "window_size is required")]
    public IReadOnlyList<double>? WindowSize { get; init; }
}
