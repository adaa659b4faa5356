namespace Gateway.MockAnthropic.Http;

/// <summary>The error <c>type</c> and message the real API pairs with each status.</summary>
internal static class AnthropicErrors
{
    public static (string Type, string Message) ForStatus(int status) => status switch
    {
        400 => ("invalid_request_error", "Invalid request (mock)."),
        401 => ("authentication_error", "invalid x-api-key"),
        402 => ("billing_error", "Your credit balance is too low (mock)."),
        403 => ("permission_error", "Your API key does not have permission to use the specified resource (mock)."),
        404 => ("not_found_error", "Not found (mock)."),
        413 => ("request_too_large", "Request exceeds the maximum allowed number of bytes (mock)."),
        429 => ("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit (mock)."),
        529 => ("overloaded_error", "Overloaded"),
        >= 500 => ("api_error", "Internal server error (mock)."),
        _ => ("invalid_request_error", "Request failed (mock)."),
    };

    /// <summary>The real API sends <c>retry-after</c> with these, and clients honour it.</summary>
    public static bool HasRetryAfter(int status) => status is 429 or 529;
}
