using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Gateway.Host.Configuration.Binding;

/// <summary>What a config type looks like to the binder: nested records, maps, lists and leaf values.</summary>
internal static class ConfigTypeShape
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> PropertyCache = new();

    public static IReadOnlyDictionary<string, PropertyInfo> Properties(Type type) => PropertyCache.GetOrAdd(type, static t =>
    {
        var map = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null || property.GetIndexParameters().Length > 0 || property.IsDefined(typeof(JsonIgnoreAttribute)))
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            map[name] = property;
        }

        return map;
    });

    /// <summary>A class bound field by field (not a string, collection, JSON node or framework type).</summary>
    public static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(JsonNode).IsAssignableFrom(type) &&
        !typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && type != typeof(object) &&
        type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;

    public static Type? DictionaryValueType(Type type)
    {
        foreach (var candidate in Generic(type))
        {
            var definition = candidate.GetGenericTypeDefinition();
            if ((definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)) && candidate.GetGenericArguments()[0] == typeof(string))
            {
                return candidate.GetGenericArguments()[1];
            }
        }

        return null;
    }

    public static Type? ElementType(Type type)
    {
        if (type == typeof(string) || DictionaryValueType(type) is not null)
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        foreach (var candidate in Generic(type))
        {
            if (candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return candidate.GetGenericArguments()[0];
            }
        }

        return null;
    }

    public static string Describe(Type type)
    {
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n));
            return "one of " + string.Join(", ", names);
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "a boolean",
            TypeCode.String => "a string",
            TypeCode.Byte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 => "an integer",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            _ => "a value of type " + type.Name,
        };
    }

    private static IEnumerable<Type> Generic(Type type)
    {
        if (type.IsGenericType)
        {
            yield return type;
        }

        foreach (var face in type.GetInterfaces())
        {
            if (face.IsGenericType)
            {
                yield return face;
            }
        }
    }
}
