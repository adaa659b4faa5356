using System.ComponentModel.DataAnnotations;

namespace Gateway.Plugins.AiProxy.Configuration;

/// <summary>
/// The cross-field rules of <see cref="AiProxyConfig"/> (Kong's entity checks) plus the rule that nothing this
/// gateway does not implement is accepted. Member names are full snake_case paths so the operator can find the
/// field in the declarative config.
/// </summary>
internal static class AiProxyConfigValidator
{
    private const string NotYet = "is not supported by this gateway yet";

    public static IEnumerable<ValidationResult> Validate(AiProxyConfig config)
    {
        var errors = new List<ValidationResult>();
        ValidateRoot(config, errors);
        if (config.Auth is null)
        {
            Add(errors, "auth must be an object (omit it for no provider key)", "auth");
        }
        else
        {
            AuthValidator.Validate(config.Auth, errors);
        }

        if (config.Model is not null)
        {
            ModelValidator.Validate(config.Model, errors);
        }

        if (config.Logging is null)
        {
            Add(errors, "logging must be an object (omit it for the defaults)", "logging");
        }

        return errors;
    }

    internal static void Add(List<ValidationResult> errors, string message, params string[] members) =>
        errors.Add(new ValidationResult(message, members));

    private static void ValidateRoot(AiProxyConfig config, List<ValidationResult> errors)
    {
        if (config.RouteType is { } routeType && routeType != KongValues.ChatRouteType)
        {
            Add(errors, KongValues.RouteTypes.Contains(routeType)
                ? $"route_type '{routeType}' {NotYet} (only '{KongValues.ChatRouteType}')"
                : $"route_type '{routeType}' is not a Kong route type", "route_type");
        }

        if (!Enum.IsDefined(config.LlmFormat))
        {
            Add(errors, "llm_format has an unknown value", "llm_format");
        }
        else if (config.LlmFormat is not (LlmFormat.Anthropic or LlmFormat.Openai))
        {
            Add(errors, $"llm_format '{Snake(config.LlmFormat)}' {NotYet}: only 'anthropic' (the native Messages " +
                "API that Claude Code sends) and 'openai' (Chat Completions clients, translated) are implemented",
                "llm_format");
        }

        if (config.GenaiCategory != KongValues.TextGeneration)
        {
            Add(errors, config.GenaiCategory is not null && KongValues.GenaiCategories.Contains(config.GenaiCategory)
                ? $"genai_category '{config.GenaiCategory}' {NotYet} (only '{KongValues.TextGeneration}')"
                : $"genai_category '{config.GenaiCategory}' is not a Kong genai category", "genai_category");
        }

        if (!Enum.IsDefined(config.ResponseStreaming))
        {
            Add(errors, "response_streaming must be one of allow, deny, always", "response_streaming");
        }

        if (config.MaxRequestBodySize < 0)
        {
            Add(errors, "max_request_body_size must be 0 (unlimited) or a positive number of bytes",
                "max_request_body_size");
        }
    }

    internal static string Snake<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
