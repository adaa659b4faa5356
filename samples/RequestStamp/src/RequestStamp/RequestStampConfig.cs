using System.ComponentModel.DataAnnotations;

namespace RequestStamp;

/// <summary>
/// The <c>config</c> object in decK YAML (<c>header_name</c>, <c>value</c>), validated once at gateway startup and
/// shared by every request.
/// </summary>
public sealed record RequestStampConfig : IValidatableObject
{
    /// <summary>The header set on the request to the upstream and on the response to the client.</summary>
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", ErrorMessage = "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)")]
    public string HeaderName { get; init; } = "x-request-stamp";

    /// <summary>The stamp, e.g. the team that owns the route.</summary>
    [Required(ErrorMessage = "is required")]
    [StringLength(256, ErrorMessage = "must be at most 256 characters")]
    public string Value { get; init; } = string.Empty;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A line break in a header value would let config split the request or response (header injection).
        if (Value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            yield return new ValidationResult("must not contain CR, LF or NUL", [nameof(Value)]);
        }
    }
}
