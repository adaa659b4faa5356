using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.OpenAi.Request;
using Gateway.Plugins.AiProxy.Request;

namespace Gateway.Plugins.AiProxy.OpenAi;

/// <summary>
/// The access phase of an <c>llm_format: openai</c> route: routes the call (chat or models), reads the body under
/// max_request_body_size and translates it to Anthropic Messages. The upstream is asked for identity encoding,
/// since every reply on this route is rewritten.
/// </summary>
internal static class OpenAiAccess
{
    /// <summary>What an Anthropic client (Claude Code) gets on an OpenAI route: Kong's default format is openai, so
    /// a config that omits llm_format lands here, and the fix belongs in the message.</summary>
    public const string AnthropicClientOnOpenAiRoute = "this route speaks OpenAI Chat Completions (llm_format: openai); " +
        "Anthropic Messages clients such as Claude Code need a route with llm_format: anthropic";

    public static async ValueTask<ChatRequestError?> RunAsync(PluginContext context, AiProxyConfig config,
        AiProxyRequestState state, long created)
    {
        var path = context.PathAfterRoute;
        if (path == UpstreamEndpoint.MessagesApiPath || path.StartsWith(UpstreamEndpoint.MessagesApiPath + "/", StringComparison.Ordinal))
        {
            return ChatRequestError.BadRequest(AnthropicClientOnOpenAiRoute);
        }

        state.Kind = OpenAiRoutes.Classify(path);
        ResolveUpstream.Apply(context.Upstream, state.Kind, OpenAiRoutes.ModelsPath(path), context.GetPrepared<PreparedInstance>().Endpoint);
        state.RequestModel = config.ValidModel.Name;
        state.OpenAi = new OpenAiExchange(created, config.ValidModel.Name ?? string.Empty, includeUsage: false);
        context.HttpContext.Request.Headers.AcceptEncoding = NegotiateEncoding.Identity;
        if (state.Kind != RequestKind.Messages)
        {
            return null;
        }

        var limit = config.MaxRequestBodySize;
        var body = await context.ReadRequestBodyAsync(limit, context.RequestAborted).ConfigureAwait(false);
        if (body.TooLarge)
        {
            return new ChatRequestError(413, "request_too_large", $"request body is larger than max_request_body_size ({limit} bytes)");
        }

        CaptureRequestPayload.Run(config, state, body.Data.Span);
        var error = ChatRequestTranslator.Translate(body.Data, config, out var translated);
        if (error is not null)
        {
            return error;
        }

        context.SetRequestBody(translated!.Body);
        context.HttpContext.Request.Headers.ContentType = "application/json";
        CaptureRequestPayload.Run(config, state, translated.Body); // what went upstream
        state.RequestModel = translated.Model;
        state.Streaming = translated.Streaming;
        state.OpenAi = new OpenAiExchange(created, translated.Model, translated.IncludeUsage);
        return null;
    }
}
