using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>
/// Types a YAML scalar the way Kong's lyaml and decK's go-yaml (YAML 1.1) do, so a file means the same
/// thing here as in Kong: quoted scalars are always strings, plain ones may be null, bool or number.
/// </summary>
internal static partial class YamlScalarTyping
{
    private const string StrTag = "tag:yaml.org,2002:str";

    public static JsonNode? ToNode(Scalar scalar)
    {
        var text = scalar.Value;
        if (!scalar.Tag.IsEmpty && scalar.Tag.Value == StrTag)
            return JsonValue.Create(text);
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
            return JsonValue.Create(text);

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            // YAML 1.1 booleans as lyaml and go-yaml v2 read them; the one-letter y/n forms are left as
            // strings because they are far more often meant literally.
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return JsonValue.Create(false);
        }

        return TryNumber(text) ?? JsonValue.Create(text);
    }

    private static JsonNode? TryNumber(string text)
    {
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (DecimalInteger().IsMatch(plain))
        {
            return long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? JsonValue.Create(l)
                : JsonValue.Create(double.Parse(plain, CultureInfo.InvariantCulture));
        }

        if (plain.StartsWith("0x", StringComparison.Ordinal) &&
            long.TryParse(plain.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return JsonValue.Create(hex);

        if (plain.StartsWith("0o", StringComparison.Ordinal) && plain.Length > 2 && OctalDigits().IsMatch(plain[2..]))
            return JsonValue.Create(Convert.ToInt64(plain[2..], 8));

        // Infinity and NaN have no JSON form; they stay strings and fail type checks with a clear message.
        if (Float().IsMatch(plain) &&
            double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);

        return null;
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^[0-7]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalDigits();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
