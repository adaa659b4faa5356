using Gateway.MockAnthropic.Recording;
using Gateway.MockAnthropic.Replies;
using Microsoft.AspNetCore.Http;

namespace Gateway.MockAnthropic.Http;

/// <summary>OpenAI's error body <c>{"error":{"message","type","param","code"}}</c> with the type and code it pairs with a status.</summary>
internal static class OpenAiErrors
{
    public static (string Type, string Message, string? Code) ForStatus(int status) => status switch
    {
        400 => ("invalid_request_error", "Invalid request (mock).", null),
        401 => ("invalid_request_error", "Incorrect API key provided (mock).", "invalid_api_key"),
        403 => ("invalid_request_error", "You are not allowed to access this resource (mock).", "unsupported_country_region_territory"),
        404 => ("invalid_request_error", "The model does not exist or you do not have access to it (mock).", "model_not_found"),
        429 => ("tokens", "Rate limit reached for requests (mock).", "rate_limit_exceeded"),
        503 or 529 => ("server_error", "The server is overloaded, please try again later (mock).", null),
        >= 500 => ("server_error", "The server had an error while processing your request (mock).", null),
        _ => ("invalid_request_error", "Request failed (mock).", null),
    };

    public static Task SendAsync(HttpContext context, Exchange exchange, int status, CancellationToken cancellationToken)
    {
        var (type, message, code) = ForStatus(status);
        return SendAsync(context, exchange, status, type, message, code, cancellationToken);
    }

    public static Task SendAsync(
        HttpContext context,
        Exchange exchange,
        int status,
        string type,
        string message,
        string? code,
        CancellationToken cancellationToken)
    {
        if (AnthropicErrors.HasRetryAfter(status))
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return JsonResponder.SendAsync(
            context,
            exchange,
            status,
            (type, message, code),
            static (w, s) => ChatJson.WriteError(w, s.type, s.message, s.code),
            cancellationToken);
    }
}
