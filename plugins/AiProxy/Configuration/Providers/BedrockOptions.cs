namespace Gateway.Plugins.AiProxy.Configuration.Providers;

/// <summary>Kong's <c>model.options.bedrock</c>: accepted so Kong configs bind, ignored for Anthropic.</summary>
internal sealed record BedrockOptions
{
    public string? AwsRegion { get; init; }

    public string? AwsAssumeRoleArn { get; init; }

    public string? AwsRoleSessionName { get; init; }

    public string? AwsStsEndpointUrl { get; init; }

    public bool? EmbeddingsNormalize { get; init; }

    public string? PerformanceConfigLatency { get; init; }

    public string? VideoOutputS3Uri { get; init; }
}
