using System.Text.Json;

namespace Gateway.Plugins.AiRateLimitingAdvanced.Tests.Support;

/// <summary>What the client got, in the order the headers came, and the call's log entry.</summary>
internal sealed record Reply(int Status, string Body, IReadOnlyList<KeyValuePair<string, string>> Headers, JsonElement LogEntry)
{
    /// <summary>The header's value, or null when the response has none.</summary>
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>The names of the rate-limit headers (<c>X-AI-RateLimit-*</c>, <c>Retry-After</c>), in order.</summary>
    public string[] RateLimitHeaderNames => Headers
        .Select(h => h.Key)
        .Where(n => n.StartsWith("X-AI-RateLimit", StringComparison.OrdinalIgnoreCase) || string.Equals(n, "Retry-After", StringComparison.OrdinalIgnoreCase))
        .ToArray();
}
