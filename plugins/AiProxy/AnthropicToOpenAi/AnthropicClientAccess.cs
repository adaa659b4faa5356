using System.Text.Json;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.OpenAiUpstream;
using Gateway.Plugins.AiProxy.Request;
using Microsoft.Extensions.Logging;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// The access phase of <c>llm_format: anthropic</c> with an OpenAI-compatible provider (Claude Code on a local or
/// OpenAI model): Messages calls are translated to Chat Completions, <c>count_tokens</c> is answered here from a
/// local tokenizer, and anything else is refused (the backend has no Anthropic API to forward it to).
/// </summary>
internal static class AnthropicClientAccess
{
    public static async ValueTask<RequestError?> RunAsync(PluginContext context, AiProxyConfig config, AiProxyRequestState state, ILogger logger)
    {
        var path = context.PathAfterRoute;
        state.Kind = ResolveUpstream.Classify(path);
        state.RequestModel = config.ValidModel.Name;
        if (state.Kind is not (RequestKind.Messages or RequestKind.CountTokens))
        {
            return new RequestError(404, "not_found_error",
                $"{path} is not available on this route: its provider '{ProviderNames.Of(config)}' speaks OpenAI Chat Completions, so only /v1/messages and /v1/messages/count_tokens are served");
        }

        var limit = config.MaxRequestBodySize;
        var body = await context.ReadRequestBodyAsync(limit, context.RequestAborted).ConfigureAwait(false);
        if (body.TooLarge)
        {
            return new RequestError(413, "request_too_large", $"request body is larger than max_request_body_size ({limit} bytes)");
        }

        CaptureRequestPayload.Run(config, state, body.Data.Span);
        var error = MessagesToChatTranslator.Translate(body.Data, config, out var translated);
        if (error is not null)
        {
            return error;
        }

        state.RequestModel = translated!.BackendModel;
        state.ClientModel = translated.ClientModel;
        if (state.Kind == RequestKind.CountTokens)
        {
            var count = LocalTokenCount.Count(translated.Body);
            state.ExitedHere = true;
            state.GeneratedResponse = $"{{\"input_tokens\":{count}}}";
            context.Exit(200, state.GeneratedResponse);
            return null;
        }

        if (translated.Dropped.Length > 0 && logger.IsEnabled(LogLevel.Debug))
        {
            AnthropicClientLog.FieldsDropped(logger, ProviderNames.Of(config), string.Join(", ", translated.Dropped));
        }

        var endpoint = context.GetPrepared<PreparedInstance>().OpenAiEndpoint!;
        var target = context.Upstream;
        target.Scheme = endpoint.Scheme;
        target.Host = endpoint.Host;
        target.Port = endpoint.Port;
        target.Path = endpoint.ChatPath;
        target.PreserveHost = false;

        // Claude Code's ?beta=true means nothing to an OpenAI server; Azure needs its api-version instead.
        target.Query = endpoint.Query;
        context.SetRequestBody(translated.Body);
        CaptureRequestPayload.Run(config, state, translated.Body);
        var headers = context.HttpContext.Request.Headers;
        headers.ContentType = "application/json";
        headers.Remove("anthropic-version");
        headers.Remove("anthropic-beta");
        state.Streaming = translated.Streaming;
        state.AnthropicClient = new AnthropicClientExchange(translated.ClientModel);
        headers.AcceptEncoding = NegotiateEncoding.Identity; // every answer is rewritten
        return null;
    }
}
