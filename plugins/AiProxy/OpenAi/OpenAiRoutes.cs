using Gateway.Plugins.AiProxy.Request;

namespace Gateway.Plugins.AiProxy.OpenAi;

/// <summary>
/// The paths of an <c>llm_format: openai</c> route, as Kong routes them: the OpenAI SDK's <c>base_url</c> is the
/// route plus <c>/v1</c>, so <c>…/v1/models</c> (and <c>…/v1/models/{id}</c>) list models and every other path
/// is a chat call (<c>…/v1/chat/completions</c>), sent to Anthropic's Messages path.
/// </summary>
internal static class OpenAiRoutes
{
    public static RequestKind Classify(string pathAfterRoute)
    {
        var path = pathAfterRoute.StartsWith("/v1/", StringComparison.Ordinal) ? pathAfterRoute[3..] : pathAfterRoute;
        return path == "/models" || path.StartsWith("/models/", StringComparison.Ordinal) ? RequestKind.Models : RequestKind.Messages;
    }

    /// <summary>The Anthropic path for a models call: the same listing under <c>/v1</c>.</summary>
    public static string ModelsPath(string pathAfterRoute) =>
        pathAfterRoute.StartsWith("/v1/", StringComparison.Ordinal) ? pathAfterRoute : "/v1" + pathAfterRoute;
}
