using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gateway.Host.Configuration.Declarative;

/// <summary>Field rules for route paths, hosts and headers, kept apart from the reader so each stays short.</summary>
internal static partial class RouteFieldRules
{
    public static void ValidatePath(EntityFields f, string path)
    {
        if (path.StartsWith('~'))
        {
            if (!RegexCompiles(path[1..]))
                f.Error("field 'paths': a regex path (~) does not compile");
            return;
        }

        if (!path.StartsWith('/'))
            f.Error("field 'paths': each path must start with / (or ~ for a regex)");
    }

    /// <summary>
    /// Files older than format 3.0 had no <c>~</c> marker: Kong 3 treats a path that contains regex
    /// characters as a regex there (kong/db/declarative/migrations/route_path.lua).
    /// </summary>
    public static string MigratePath(string path, string formatVersion) =>
        formatVersion != "3.0" && !path.StartsWith('~') && !PlainPathCharacters().IsMatch(path) ? "~" + path : path;

    public static void ValidateHost(EntityFields f, string host)
    {
        var name = host;
        var colon = host.LastIndexOf(':');
        if (colon > 0 && !host.EndsWith(']'))
        {
            if (!int.TryParse(host.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
                f.Error("field 'hosts': invalid port");
            name = host[..colon];
        }

        var wildcards = name.Count(c => c == '*');
        if (wildcards > 1)
            f.Error("field 'hosts': only one wildcard may be specified");
        else if (wildcards == 1 && !(name.StartsWith("*.", StringComparison.Ordinal) || name.EndsWith(".*", StringComparison.Ordinal)))
            f.Error("field 'hosts': a wildcard must be the leftmost or rightmost label");
        else if (!HostName.IsValid(name.Replace("*", "x", StringComparison.Ordinal)))
            f.Error("field 'hosts': invalid host name");
    }

    /// <summary>Kong's http_method type: uppercase letters only, so <c>get</c> is refused, not upper-cased.</summary>
    public static bool IsMethod(string method) => method.Length > 0 && method.All(char.IsAsciiLetterUpper);

    /// <summary>Reads <c>headers</c> (name → values) with lower-cased names; <c>host</c> belongs in <c>hosts</c>.</summary>
    public static Dictionary<string, IReadOnlyList<string>> ReadHeaders(EntityFields f)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var headers = f.Object("headers");
        if (headers is null)
            return result;

        foreach (var (rawName, node) in headers)
        {
            var name = rawName.ToLowerInvariant();
            if (name == "host")
            {
                f.Error("field 'headers' cannot contain 'host', use 'hosts'");
                continue;
            }

            if (node is not JsonArray array || array.Count == 0)
            {
                f.Error($"field 'headers.{rawName}' must be a non-empty array of strings");
                continue;
            }

            var values = new List<string>(array.Count);
            foreach (var item in array)
            {
                if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    values.Add(v.GetValue<string>());
                else
                    f.TypeError($"headers.{rawName}[]", "a string", item);
            }

            foreach (var value in values.Where(v => v.StartsWith("~*", StringComparison.Ordinal)))
            {
                if (!RegexCompiles(value[2..]))
                    f.Error($"field 'headers.{rawName}': a regex value (~*) does not compile");
            }

            result[name] = values;
        }

        return result;
    }

    private static bool RegexCompiles(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[a-zA-Z0-9.\-_~/%]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPathCharacters();
}
