using System.Text.Json;

namespace Gateway.Host.Pipeline;

/// <summary>A response the gateway makes itself: a plugin's exit or a gateway error (Kong's default
/// <c>{"message": ...}</c> format).</summary>
internal sealed record GeneratedResponse(int StatusCode, string? Body, string? ContentType)
{
    public static GeneratedResponse KongMessage(int statusCode, string message) =>
        new(statusCode, "{\"message\":" + JsonSerializer.Serialize(message) + "}", "application/json; charset=utf-8");
}
