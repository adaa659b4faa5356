namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>Kong's <c>logging</c> record.</summary>
internal sealed record LoggingConfig
{
    /// <summary>Write <c>ai.proxy.meta</c> and <c>ai.proxy.usage</c> for the log phase.</summary>
    public bool LogStatistics { get; init; }

    /// <summary>Write <c>ai.proxy.payload.request</c> and <c>.response</c>, bounded in size. Independent of
    /// <see cref="LogStatistics"/>, as in Kong 3.13.</summary>
    public bool LogPayloads { get; init; }
}
