using System.Text.Json;

namespace Gateway.Host.Pipeline;

/// <summary>A response the gateway makes itself: a plugin's exit or a gateway error (Kong's default
/// <c>{"message": ...}</c> format).</summary>
/// <param name="SkipsFilters">Sent as is, without header_filter and body_filter: the answer to a filter that threw,
/// which would only fail again on it (and log the failure twice).</param>
internal sealed record GeneratedResponse(int StatusCode, string? Body, string? ContentType, bool SkipsFilters = false)
{
    public static GeneratedResponse KongMessage(int statusCode, string message) =>
        new(statusCode, "{\"message\":" + JsonSerializer.Serialize(message) + "}", "application/json; charset=utf-8");
}
