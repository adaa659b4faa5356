using System.ComponentModel.DataAnnotations;

namespace Company.GatewayPlugin;

/// <summary>
/// The plugin's <c>config</c> object in decK YAML, bound with snake_case keys (<c>header_name</c>, <c>value</c>);
/// unknown keys are rejected. The gateway validates it once at startup, before serving: a bad value stops
/// startup (and <c>check</c>) with one line naming the field, e.g. <c>config.value: is required</c>.
/// One instance is shared by every request, so it stays immutable.
/// </summary>
public sealed record TemplatePrefixConfig : IValidatableObject
{
    /// <summary>The response header to set.</summary>
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", ErrorMessage = "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)")]
    public string HeaderName { get; init; } = "x-company-gateway-plugin";

    /// <summary>The header's value.</summary>
    [Required(ErrorMessage = "is required")]
    [StringLength(1024, ErrorMessage = "must be at most 1024 characters")]
    public string Value { get; init; } = string.Empty;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A CR or LF in a header value would let config split the response (header injection).
        if (Value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            yield return new ValidationResult("must not contain CR, LF or NUL", [nameof(Value)]);
        }
    }
}
