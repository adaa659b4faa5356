namespace Gateway.Plugins.AiProxy.OpenAi.Request;

/// <summary>Why a Chat Completions request is refused before it reaches the provider; <see cref="Param"/> names the
/// offending field the way OpenAI does (<c>messages[2].content[0]</c>), or is null.</summary>
internal sealed record ChatRequestError(int Status, string Type, string Message, string? Param = null)
{
    public const string InvalidRequest = "invalid_request_error";

    public static ChatRequestError BadRequest(string message, string? param = null) => new(400, InvalidRequest, message, param);
}

/// <summary>Thrown inside the translation to unwind to <see cref="ChatRequestTranslator"/>, which turns it into
/// a <see cref="ChatRequestError"/>; it never leaves the translator.</summary>
internal sealed class ChatRequestException(string message, string? param) : Exception(message)
{
    public string? Param { get; } = param;
}
