using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Gateway.Host.Configuration.Binding;

/// <summary>
/// Binds a plugin's <c>config</c> object to the plugin's config type the way Kong's schema validation does:
/// snake_case keys, unknown keys and wrong types rejected, then DataAnnotations and
/// <see cref="IValidatableObject"/> on every nested object. Every problem is reported, not just the first.
/// </summary>
internal static class PluginConfigBinder
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
    };

    /// <summary>Binds and validates; returns null and adds to <paramref name="errors"/> when invalid.</summary>
    /// <param name="configType">The plugin's config type.</param>
    /// <param name="config">The raw config object.</param>
    /// <param name="source">Where it was declared, prefixed to every error.</param>
    /// <param name="errors">Receives one line per problem.</param>
    public static object? Bind(Type configType, JsonObject config, string source, List<string> errors)
    {
        var before = errors.Count;
        CheckShape(config, configType, "config", source, errors);
        if (errors.Count > before)
        {
            return null;
        }

        object? bound;
        try
        {
            bound = config.Deserialize(configType, Options);
        }
        catch (JsonException ex)
        {
            errors.Add($"{source}: config: {ex.Message}");
            return null;
        }

        if (bound is null)
        {
            errors.Add($"{source}: config: must be an object");
            return null;
        }

        Validate(bound, "config", source, errors);
        return errors.Count > before ? null : bound;
    }

    private static void CheckShape(JsonNode? node, Type type, string path, string source, List<string> errors)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (node is null)
        {
            if (underlying.IsValueType && Nullable.GetUnderlyingType(type) is null)
            {
                errors.Add($"{source}: {path}: must not be null");
            }

            return;
        }

        if (ConfigTypeShape.DictionaryValueType(underlying) is { } valueType)
        {
            if (node is not JsonObject map)
            {
                errors.Add($"{source}: {path}: expected an object");
                return;
            }

            foreach (var (key, value) in map)
            {
                CheckShape(value, valueType, $"{path}.{key}", source, errors);
            }

            return;
        }

        if (ConfigTypeShape.ElementType(underlying) is { } elementType)
        {
            if (node is not JsonArray array)
            {
                errors.Add($"{source}: {path}: expected an array");
                return;
            }

            for (var i = 0; i < array.Count; i++)
            {
                CheckShape(array[i], elementType, $"{path}[{i}]", source, errors);
            }

            return;
        }

        if (ConfigTypeShape.IsRecord(underlying))
        {
            if (node is not JsonObject obj)
            {
                errors.Add($"{source}: {path}: expected an object");
                return;
            }

            var properties = ConfigTypeShape.Properties(underlying);
            foreach (var (key, value) in obj)
            {
                if (properties.TryGetValue(key, out var property))
                {
                    CheckShape(value, property.PropertyType, $"{path}.{key}", source, errors);
                }
                else
                {
                    errors.Add($"{source}: {path}.{key}: unknown field");
                }
            }

            return;
        }

        try
        {
            node.Deserialize(underlying, Options);
        }
        catch (JsonException)
        {
            errors.Add($"{source}: {path}: expected {ConfigTypeShape.Describe(underlying)}, got {Describe(node)}");
        }
    }

    /// <summary>What <see cref="Validator.TryValidateObject(object, ValidationContext, ICollection{ValidationResult}?, bool)"/>
    /// does, in its order (property attributes; then, when they pass, type attributes and
    /// <see cref="IValidatableObject"/>), except that each property is validated under its decK field name: the
    /// attributes' default messages name what the operator wrote (<c>The field min_len must be ...</c>), not the C#
    /// property (<c>MinLen</c>).</summary>
    private static void Validate(object value, string path, string source, List<string> errors)
    {
        var type = value.GetType();
        var before = errors.Count;
        var results = new List<ValidationResult>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
            if (attributes.Length == 0 || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var field = FieldName(property);
            var context = new ValidationContext(value) { MemberName = property.Name, DisplayName = field };
            results.Clear();
            if (!Validator.TryValidateValue(property.GetValue(value), context, results, attributes))
            {
                foreach (var result in results)
                {
                    errors.Add($"{source}: {path}.{field}: {result.ErrorMessage}");
                }
            }
        }

        if (errors.Count == before)
        {
            var context = new ValidationContext(value);
            results.Clear();
            if (Validator.TryValidateValue(value, context, results, type.GetCustomAttributes<ValidationAttribute>(inherit: true)) && value is IValidatableObject validatable)
            {
                results.AddRange(validatable.Validate(context).Where(r => r != ValidationResult.Success));
            }

            foreach (var result in results)
            {
                var members = result.MemberNames.Select(m => JsonNamingPolicy.SnakeCaseLower.ConvertName(m)).ToArray();
                var where = members.Length == 0 ? path : string.Join(", ", members.Select(m => $"{path}.{m}"));
                errors.Add($"{source}: {where}: {result.ErrorMessage}");
            }
        }

        foreach (var (name, property) in ConfigTypeShape.Properties(type))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var child = property.GetValue(value);
            if (child is null)
            {
                continue;
            }

            if (ConfigTypeShape.IsRecord(propertyType))
            {
                Validate(child, $"{path}.{name}", source, errors);
            }
            else if (child is IDictionary dictionary && ConfigTypeShape.DictionaryValueType(propertyType) is { } valueType && ConfigTypeShape.IsRecord(valueType))
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Value is not null)
                    {
                        Validate(entry.Value, $"{path}.{name}.{entry.Key}", source, errors);
                    }
                }
            }
        }
    }

    private static string FieldName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => $"string \"{Truncate(node.GetValue<string>())}\"",
        JsonValueKind.Number => $"number {node.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {node.ToJsonString()}",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => node.ToJsonString(),
    };

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
