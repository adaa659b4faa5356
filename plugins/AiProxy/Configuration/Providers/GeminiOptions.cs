namespace Gateway.Plugins.AiProxy.Configuration.Providers;

/// <summary>Kong's <c>model.options.gemini</c>: accepted so Kong configs bind, ignored for Anthropic.</summary>
internal sealed record GeminiOptions
{
    public string? ApiEndpoint { get; init; }

    public string? ProjectId { get; init; }

    public string? LocationId { get; init; }

    public string? EndpointId { get; init; }
}
