namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>
/// Kong's <c>auth</c> record. Only header auth is implemented; the parameter and cloud-identity fields bind so that
/// <see cref="AiProxyConfigValidator"/> can reject them with a message instead of a JSON error.
/// </summary>
internal sealed record AuthConfig
{
    /// <summary>The header that carries the provider key upstream, for example <c>x-api-key</c>.</summary>
    public string? HeaderName { get; init; }

    /// <summary>The provider key.</summary>
    public string? HeaderValue { get; init; }

    /// <summary>Keep the client's own <see cref="HeaderName"/> header when it sent one.</summary>
    public bool AllowOverride { get; init; }

    public string? ParamName { get; init; }

    public string? ParamValue { get; init; }

    public ParamLocation? ParamLocation { get; init; }

    public bool GcpUseServiceAccount { get; init; }

    public string? GcpServiceAccountJson { get; init; }

    public string? AwsAccessKeyId { get; init; }

    public string? AwsSecretAccessKey { get; init; }

    public bool AzureUseManagedIdentity { get; init; }

    public string? AzureClientId { get; init; }

    public string? AzureClientSecret { get; init; }

    public string? AzureTenantId { get; init; }

    /// <summary>True when header auth is configured: the plugin then owns the upstream credential.</summary>
    public bool HasHeaderAuth => !string.IsNullOrEmpty(HeaderName) && HeaderValue is not null;
}
