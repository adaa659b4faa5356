using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>Kong's <c>model</c> record.</summary>
internal sealed record ModelConfig
{
    [Required(ErrorMessage = "model.provider is required")]
    public ModelProvider? Provider { get; init; }

    /// <summary>The pinned model. When set, a request naming another model is rejected (Kong's behaviour); when
    /// unset, the request's model is used.</summary>
    public string? Name { get; init; }

    public ModelOptions Options { get; init; } = new();
}
