using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>Rules for <c>model</c> and <c>model.options</c>.</summary>
internal static class ModelValidator
{
    private const string VersionField = "model.options.anthropic_version";

    public static void Validate(ModelConfig model, List<ValidationResult> errors)
    {
        if (model.Provider is { } provider && !Enum.IsDefined(provider))
        {
            AiProxyConfigValidator.Add(errors, "model.provider has an unknown value", "model.provider");
        }
        else if (model.Provider is { } other && other is not (ModelProvider.Anthropic or ModelProvider.Openai or ModelProvider.Azure))
        {
            AiProxyConfigValidator.Add(errors, $"model.provider '{AiProxyConfigValidator.Snake(other)}' is not supported " +
                "by this gateway yet (only 'anthropic', 'openai' and 'azure')", "model.provider");
        }

        if (model.Name is not null)
        {
            if (string.IsNullOrWhiteSpace(model.Name))
            {
                AiProxyConfigValidator.Add(errors, "model.name must not be empty (omit it to use the request's model)", "model.name");
            }
            else if (model.Name.Contains("$(", StringComparison.Ordinal))
            {
                AiProxyConfigValidator.Add(errors, "model.name templates ($(...)) are not supported by this gateway yet",
                    "model.name");
            }
        }

        // Kong's entity check asks for the version only from the anthropic provider; another provider is already
        // refused above, and a second message about a field it does not use would only mislead.
        var isAnthropic = model.Provider == ModelProvider.Anthropic;
        if (model.Options is null)
        {
            if (isAnthropic)
            {
                AiProxyConfigValidator.Add(errors, $"must set '{VersionField}' for anthropic provider", VersionField);
            }

            return;
        }

        ValidateOptions(model.Options, isAnthropic, errors);
        if (model.Provider is ModelProvider.Openai or ModelProvider.Azure)
        {
            OpenAiProviderValidator.Validate(model.Provider.Value, model.Options, errors);
        }
    }

    private static void ValidateOptions(ModelOptions options, bool isAnthropic, List<ValidationResult> errors)
    {
        if (isAnthropic && string.IsNullOrWhiteSpace(options.AnthropicVersion))
        {
            // Kong's own entity-check message.
            AiProxyConfigValidator.Add(errors, $"must set '{VersionField}' for anthropic provider", VersionField);
        }
        else if (options.AnthropicVersion is not null && !HeaderText.IsValidValue(options.AnthropicVersion))
        {
            AiProxyConfigValidator.Add(errors, $"{VersionField} must not contain control characters", VersionField);
        }

        if (options.UpstreamUrl is not null)
        {
            ValidateUpstreamUrl(options.UpstreamUrl, errors);
        }

        if (options.UpstreamPath is not null)
        {
            AiProxyConfigValidator.Add(errors, "model.options.upstream_path is deprecated (Kong: use upstream_url) and not " +
                "supported: put the path in model.options.upstream_url", "model.options.upstream_path");
        }

        var hasBaseCosts = options.InputCost is not null && options.OutputCost is not null;
        if (!hasBaseCosts && (options.CacheReadCost is not null || options.CacheWriteCost is not null))
        {
            // Cost is 0 unless both base prices are set (Kong's rule), so a lone cache price would do nothing.
            AiProxyConfigValidator.Add(errors, "model.options.cache_read_cost and cache_write_cost need both " +
                "model.options.input_cost and model.options.output_cost", "model.options.cache_read_cost",
                "model.options.cache_write_cost");
        }
    }

    private static void ValidateUpstreamUrl(string value, List<ValidationResult> errors)
    {
        const string field = "model.options.upstream_url";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            AiProxyConfigValidator.Add(errors, $"{field} must be an absolute http or https URL", field);
        }
        else if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            // The client's query string is what goes upstream; merging another one in is not implemented.
            AiProxyConfigValidator.Add(errors, $"{field} must not contain a query string, fragment or user info", field);
        }
    }
}
