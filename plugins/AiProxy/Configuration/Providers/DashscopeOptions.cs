namespace Gateway.Plugins.AiProxy.Configuration.Providers;

/// <summary>Kong's <c>model.options.dashscope</c>: accepted so Kong configs bind, ignored for Anthropic.</summary>
internal sealed record DashscopeOptions
{
    public bool? International { get; init; }
}
