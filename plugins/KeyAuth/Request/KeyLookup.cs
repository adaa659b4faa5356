using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Plugins.KeyAuth.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Gateway.Plugins.KeyAuth.Request;

/// <summary>
/// Kong's key search: for each of <c>key_names</c> in order, the header, else the query argument, else the body
/// field; the first value found is the key. A repeated header or argument is refused as a duplicate. The key is
/// hidden from the log wherever it was found, and from the upstream request with <c>hide_credentials</c>.
/// </summary>
internal static class KeyLookup
{
    /// <summary>The most body bytes read to find a key in it (the body is then what goes upstream).</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    private const string Bearer = "Bearer ";

    public static async ValueTask<KeyLookupResult> FindAsync(PluginContext context, KeyAuthConfig config)
    {
        var request = context.HttpContext.Request;
        JsonObject? jsonBody = null;
        Dictionary<string, StringValues>? formBody = null;
        var bodyRead = false;
        // Every value under a key name is secret, used or not: a second name may hold someone's real key.
        foreach (var name in config.KeyNames)
        {
            if (request.Headers.ContainsKey(name))
            {
                context.RedactRequestHeader(name);
            }

            if (request.Query.ContainsKey(name))
            {
                context.RedactQueryArgument(name);
            }
        }

        foreach (var name in config.KeyNames)
        {
            if (config.KeyInHeader && request.Headers.TryGetValue(name, out var header) && header.Count > 0)
            {
                if (header.Count > 1)
                {
                    return KeyLookupResult.Duplicate;
                }

                if (config.HideCredentials)
                {
                    request.Headers.Remove(name);
                }

                return KeyLookupResult.Found(StripBearer(name, header[0]));
            }

            if (config.KeyInQuery && request.Query.TryGetValue(name, out var query) && query.Count > 0)
            {
                if (query.Count > 1)
                {
                    return KeyLookupResult.Duplicate;
                }

                if (config.HideCredentials)
                {
                    context.Upstream.Query = WithoutArgument(context.Upstream.Query, name);
                }

                return KeyLookupResult.Found(query[0]);
            }

            if (config.KeyInBody)
            {
                if (!bodyRead)
                {
                    bodyRead = true;
                    (jsonBody, formBody) = await ReadBodyAsync(context).ConfigureAwait(false);
                }

                if (FromBody(context, config, name, jsonBody, formBody) is { } fromBody)
                {
                    return fromBody;
                }
            }
        }

        return KeyLookupResult.Missing;
    }

    // Claude Code's apiKeyHelper key arrives as "Authorization: Bearer <key>" as well as x-api-key. Kong would take
    // the whole value, scheme included, as the key (and refuse it); the scheme is not part of anyone's key.
    private static string? StripBearer(string name, string? value) =>
        value is not null && string.Equals(name, "authorization", StringComparison.OrdinalIgnoreCase)
            && value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            ? value[Bearer.Length..].Trim()
            : value;

    private static KeyLookupResult? FromBody(
        PluginContext context, KeyAuthConfig config, string name, JsonObject? json, Dictionary<string, StringValues>? form)
    {
        if (json is not null && json.TryGetPropertyValue(name, out var node) && node is not null)
        {
            // Only a string is a key (Kong: type(v) == "string"); an array is a duplicate.
            if (node is JsonArray)
            {
                return KeyLookupResult.Duplicate;
            }

            if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                return null;
            }

            if (config.HideCredentials)
            {
                json.Remove(name);
                context.SetRequestBody(JsonSerializer.SerializeToUtf8Bytes(json));
            }

            return KeyLookupResult.Found(value.GetValue<string>());
        }

        if (form is not null && form.TryGetValue(name, out var field) && field.Count > 0)
        {
            if (field.Count > 1)
            {
                return KeyLookupResult.Duplicate;
            }

            if (config.HideCredentials)
            {
                form.Remove(name);
                var builder = new QueryBuilder(form.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))));
                context.SetRequestBody(System.Text.Encoding.UTF8.GetBytes(builder.ToQueryString().Value?.TrimStart('?') ?? ""));
            }

            return KeyLookupResult.Found(field[0]);
        }

        return null;
    }

    private static async ValueTask<(JsonObject?, Dictionary<string, StringValues>?)> ReadBodyAsync(PluginContext context)
    {
        var contentType = context.HttpContext.Request.ContentType ?? "";
        var isJson = contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
        var isForm = contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !isForm)
        {
            return (null, null);
        }

        var body = await context.ReadRequestBodyAsync(MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body.TooLarge || body.Data.IsEmpty)
        {
            return (null, null);
        }

        if (isForm)
        {
            return (null, QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body.Data.Span)));
        }

        try
        {
            return (JsonNode.Parse(body.Data.Span) as JsonObject, null);
        }
        catch (JsonException)
        {
            // Not JSON after all: like Kong's get_body error, no key in it.
            return (null, null);
        }
    }

    /// <summary>The query string (with its leading <c>?</c>) without any <paramref name="name"/> argument, every
    /// other argument byte for byte as sent.</summary>
    internal static string WithoutArgument(string query, string name)
    {
        if (query.Length <= 1)
        {
            return query;
        }

        var kept = new List<string>();
        foreach (var pair in query[1..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            if (!string.Equals(key, name, StringComparison.Ordinal))
            {
                kept.Add(pair);
            }
        }

        return kept.Count == 0 ? string.Empty : "?" + string.Join('&', kept);
    }
}
