using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.Tests.Support;

/// <summary>Binds and validates a config exactly as the host does: its JsonSerializerOptions, then DataAnnotations
/// and IValidatableObject on every nested object.</summary>
internal static class ConfigBinder
{
    public static readonly JsonSerializerOptions HostOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The tutorial's block (reference 3.1), verbatim apart from the key.</summary>
    public const string TutorialJson = """
        {
          "route_type": "llm/v1/chat",
          "llm_format": "anthropic",
          "auth": { "header_name": "x-api-key", "header_value": "sk-ant-test" },
          "model": {
            "provider": "anthropic",
            "name": "claude-sonnet-4-5-20250929",
            "options": { "anthropic_version": "2023-06-01" }
          },
          "max_request_body_size": 524288,
          "logging": { "log_statistics": true, "log_payloads": false }
        }
        """;

    public static AiProxyConfig Tutorial => Bind(TutorialJson);

    /// <summary>Binds and validates, throwing on any error.</summary>
    public static AiProxyConfig Bind(string json)
    {
        var (config, errors) = TryBind(json);
        return errors.Count == 0 ? config! : throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.ErrorMessage)));
    }

    public static (AiProxyConfig? Config, List<ValidationResult> Errors) TryBind(string json)
    {
        var config = JsonSerializer.Deserialize<AiProxyConfig>(json, HostOptions)!;
        var errors = new List<ValidationResult>();
        ValidateRecursively(config, errors);
        return (config, errors);
    }

    private static void ValidateRecursively(object value, List<ValidationResult> errors)
    {
        Validator.TryValidateObject(value, new ValidationContext(value), errors, validateAllProperties: true);
        foreach (var property in value.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType == typeof(string)
                || !property.PropertyType.IsClass || typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }

            if (property.GetValue(value) is { } nested)
            {
                ValidateRecursively(nested, errors);
            }
        }
    }
}
