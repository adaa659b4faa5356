namespace Gateway.Plugins.AiProxy.Configuration.Providers;

/// <summary>Kong's <c>model.options.cohere</c>: accepted so Kong configs bind, ignored for Anthropic.</summary>
internal sealed record CohereOptions
{
    public string? EmbeddingInputType { get; init; }

    public bool? WaitForModel { get; init; }
}
