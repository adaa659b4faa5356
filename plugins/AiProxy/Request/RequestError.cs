namespace Gateway.Plugins.AiProxy.Request;

/// <summary>A request the gateway refuses: the status and the Anthropic error it answers with.</summary>
internal sealed record RequestError(int Status, string Type, string Message)
{
    public const string InvalidRequest = "invalid_request_error";

    public static RequestError BadRequest(string message) => new(400, InvalidRequest, message);
}
