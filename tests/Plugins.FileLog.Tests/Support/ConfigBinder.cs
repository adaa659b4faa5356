using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Plugins.FileLog.Configuration;

namespace Gateway.Plugins.FileLog.Tests.Support;

/// <summary>Binds and validates a config the way the host does, so tests see the operator's errors.</summary>
internal static class ConfigBinder
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Binds <paramref name="json"/>; throws <see cref="JsonException"/> for shape errors.</summary>
    public static FileLogConfig Bind(string json) =>
        JsonSerializer.Deserialize<FileLogConfig>(json, Options) ?? throw new JsonException("null config");

    /// <summary>The validation errors as <c>member: message</c>; empty when valid.</summary>
    public static List<string> Validate(FileLogConfig config)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(config, new ValidationContext(config), results, validateAllProperties: true);
        return results.ConvertAll(r => $"{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
    }

    public static List<string> BindAndValidate(string json) => Validate(Bind(json));

    /// <summary>A valid config for tests that are not about configuration.</summary>
    public static FileLogConfig Valid(string path, bool reopen = false, string customFieldsJson = "null", string? onQueueFull = null) =>
        Bind($$"""{"path": {{JsonSerializer.Serialize(path)}}, "reopen": {{(reopen ? "true" : "false")}}, "custom_fields": {{customFieldsJson}}{{(onQueueFull is null ? "" : $", \"on_queue_full\": \"{onQueueFull}\"")}}}""");
}
