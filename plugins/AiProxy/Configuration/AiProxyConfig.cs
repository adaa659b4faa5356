using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>
/// The ai-proxy plugin's <c>config</c> object: Kong 3.13 field names and defaults. The host binds it with
/// snake_case names and rejects unknown fields; <see cref="AiProxyConfigValidator"/> rejects every value this
/// gateway does not implement, so a Kong config never silently behaves differently here.
/// </summary>
internal sealed record AiProxyConfig : IValidatableObject
{
    [Required(ErrorMessage = "route_type is required")]
    public string? RouteType { get; init; }

    /// <summary>Kong's default, <c>openai</c>: Chat Completions clients, translated to Anthropic Messages. Claude Code
    /// needs <c>anthropic</c>, so the tutorial config says so explicitly.</summary>
    public LlmFormat LlmFormat { get; init; } = LlmFormat.Openai;

    public string GenaiCategory { get; init; } = KongValues.TextGeneration;

    public ResponseStreaming ResponseStreaming { get; init; } = ResponseStreaming.Allow;

    /// <summary>The most request-body bytes read; 0 means unlimited.</summary>
    public long MaxRequestBodySize { get; init; } = 1_048_576;

    /// <summary>Add <c>X-Kong-LLM-Model</c> to successful Messages responses.</summary>
    public bool ModelNameHeader { get; init; } = true;

    public AuthConfig Auth { get; init; } = new();

    [Required(ErrorMessage = "model is required")]
    public ModelConfig? Model { get; init; }

    public LoggingConfig Logging { get; init; } = new();

    /// <summary>The model record; validation guarantees it after binding.</summary>
    internal ModelConfig ValidModel => Model ?? throw new InvalidOperationException("ai-proxy config was not validated");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        AiProxyConfigValidator.Validate(this);
}
