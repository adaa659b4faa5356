using Gateway.Plugins.AiProxy.Errors;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>An OpenAI error's kind as the Anthropic error type Claude Code reacts to (it retries rate limits and
/// overloads, and stops on authentication errors).</summary>
internal static class ErrorTypes
{
    public static string FromOpenAi(string? type, string? code, int status) => (code, type) switch
    {
        ("rate_limit_exceeded", _) or (_, "tokens" or "requests") => "rate_limit_error",
        ("invalid_api_key", _) => "authentication_error",
        ("model_not_found", _) => "not_found_error",
        (_, "invalid_request_error") when status is 400 or 413 or 422 => "invalid_request_error",
        _ => AnthropicErrorBody.TypeForStatus(status == 503 ? 529 : status),
    };
}
