using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.OpenAi;
using Gateway.Plugins.AiProxy.Request;

namespace Gateway.Plugins.AiProxy.OpenAiUpstream;

/// <summary>
/// The access phase of <c>llm_format: openai</c> with an OpenAI-compatible provider (<c>openai</c>, <c>azure</c>):
/// the Chat Completions body goes as sent except for what Kong changes too (the pinned model, the streaming policy,
/// the config's tuning overrides) and, for a stream, <c>stream_options.include_usage</c>, so the tokens can be
/// counted. Models listings go to the provider's models path; other paths are refused.
/// </summary>
internal static class OpenAiProviderAccess
{
    public static async ValueTask<RequestError?> RunAsync(PluginContext context, AiProxyConfig config, AiProxyRequestState state)
    {
        var path = context.PathAfterRoute;
        if (path == UpstreamEndpoint.MessagesApiPath || path.StartsWith(UpstreamEndpoint.MessagesApiPath + "/", StringComparison.Ordinal))
        {
            return RequestError.BadRequest(OpenAiAccess.AnthropicClientOnOpenAiRoute);
        }

        var prepared = context.GetPrepared<PreparedInstance>();
        var endpoint = prepared.OpenAiEndpoint!;
        state.Kind = OpenAiRoutes.Classify(path);
        state.RequestModel = config.ValidModel.Name;
        state.OpenAiUpstream = new OpenAiProviderExchange(clientAskedUsage: true);
        var target = context.Upstream;
        target.Scheme = endpoint.Scheme;
        target.Host = endpoint.Host;
        target.Port = endpoint.Port;
        target.PreserveHost = false;
        target.Path = state.Kind == RequestKind.Models ? endpoint.ModelsPath : endpoint.ChatPath;
        if (endpoint.Query.Length > 0)
        {
            target.Query = endpoint.Query;
        }

        if (state.Kind != RequestKind.Messages)
        {
            return null;
        }

        var limit = config.MaxRequestBodySize;
        var body = await context.ReadRequestBodyAsync(limit, context.RequestAborted).ConfigureAwait(false);
        if (body.TooLarge)
        {
            return new RequestError(413, "request_too_large", $"request body is larger than max_request_body_size ({limit} bytes)");
        }

        CaptureRequestPayload.Run(config, state, body.Data.Span);
        var facts = ParseRequest.Parse(body.Data.Span, prepared.Fields.Pinned);
        if (NormalizeRequest.Run(config, prepared.Fields, facts, out var normalized) is { } error)
        {
            return error;
        }

        state.RequestModel = normalized!.Model;
        state.Streaming = normalized.Streaming;
        var patches = normalized.Patches.ToList();
        var clientAskedUsage = true;
        if (normalized.Streaming)
        {
            (clientAskedUsage, var usagePatch) = StreamOptionsPatch.For(body.Data.Span);
            if (usagePatch is { } patch)
            {
                patches.Add(patch);
            }
        }

        state.OpenAiUpstream = new OpenAiProviderExchange(clientAskedUsage);
        if (patches.Count > 0)
        {
            var patched = JsonBodyPatcher.Apply(body.Data.Span, facts.ObjectStart, patches);
            context.SetRequestBody(patched);
            CaptureRequestPayload.Run(config, state, patched); // what went upstream
        }

        // A stream is read event by event (and its added usage chunk taken out), so it must not come compressed.
        NegotiateEncoding.Run(context.HttpContext.Request.Headers, normalized.Streaming);
        return null;
    }
}
