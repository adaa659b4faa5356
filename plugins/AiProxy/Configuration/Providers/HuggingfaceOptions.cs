namespace Gateway.Plugins.AiProxy.Configuration.Providers;

/// <summary>Kong's <c>model.options.huggingface</c>: accepted so Kong configs bind, ignored for Anthropic.</summary>
internal sealed record HuggingfaceOptions
{
    public bool? UseCache { get; init; }

    public bool? WaitForModel { get; init; }
}
