using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>
/// Rules for the OpenAI-compatible providers: <c>azure</c> needs its instance and deployment (Kong's fields) unless
/// <c>upstream_url</c> names the endpoint, and no option may put a parameter OpenAI rejects into the body.
/// </summary>
internal static class OpenAiProviderValidator
{
    public static void Validate(ModelProvider provider, ModelOptions options, List<ValidationResult> errors)
    {
        if (options.TopK is not null)
        {
            // Kong removes top_k for OpenAI; a configured one would be silently dropped, so it is refused.
            AiProxyConfigValidator.Add(errors, "model.options.top_k is not an OpenAI parameter: remove it for provider " +
                $"'{AiProxyConfigValidator.Snake(provider)}'", "model.options.top_k");
        }

        if (provider != ModelProvider.Azure)
        {
            return;
        }

        if (options.UpstreamUrl is null && !IsHostLabel(options.AzureInstance))
        {
            AiProxyConfigValidator.Add(errors, "must set 'model.options.azure_instance' (the resource name in " +
                "https://{instance}.openai.azure.com, letters, digits and '-') for azure provider", "model.options.azure_instance");
        }

        if (string.IsNullOrWhiteSpace(options.AzureDeploymentId) || !IsPathSafe(options.AzureDeploymentId))
        {
            AiProxyConfigValidator.Add(errors, "must set 'model.options.azure_deployment_id' (letters, digits, '-', '_' and '.') " +
                "for azure provider", "model.options.azure_deployment_id");
        }

        if (string.IsNullOrWhiteSpace(options.AzureApiVersion) || !IsPathSafe(options.AzureApiVersion))
        {
            AiProxyConfigValidator.Add(errors, "model.options.azure_api_version must be a version such as '2024-10-21'",
                "model.options.azure_api_version");
        }
    }

    private static bool IsHostLabel(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 63 && value[0] != '-' && value[^1] != '-'
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    // Deployment names and API versions are put into the URL as they are, so only characters that need no escaping.
    private static bool IsPathSafe(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
