using Gateway.Plugins.AiProxy.AnthropicToOpenAi;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Errors;
using Gateway.Plugins.AiProxy.OpenAi;
using Gateway.Plugins.AiProxy.OpenAi.Errors;
using Gateway.Plugins.AiProxy.OpenAiUpstream;
using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Response;
using Gateway.Plugins.AiProxy.Statistics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Plugins.AiProxy;

/// <summary>
/// Kong's ai-proxy for Claude Code: proxies Anthropic's native Messages API with the operator's key and measures
/// every call. Like Kong's, it is thin wiring over named single-purpose filters, one folder per stage of the
/// request path: Request (resolve-upstream, parse-request, normalize-request, inject-credentials,
/// negotiate-encoding), Response (normalize-response-header, observe-response-body with the SSE and JSON readers,
/// rewrite-gateway-error) and Statistics (serialize-analytics). With <c>llm_format: openai</c> the OpenAi folder
/// translates Chat Completions to Messages and every answer back; with <c>provider: openai</c>/<c>azure</c> the
/// OpenAiUpstream folder passes Chat Completions through and the AnthropicToOpenAi folder serves Claude Code.
/// </summary>
internal sealed class AiProxyPlugin(ILogger logger, TimeProvider timeProvider) : IGatewayPlugin, IConfigurePhase, IAccessPhase, IHeaderFilterPhase, IBodyFilterPhase, ILogPhase
{
    public AiProxyPlugin()
        : this(NullLogger.Instance, TimeProvider.System)
    {
    }

    public AiProxyPlugin(TimeProvider timeProvider)
        : this(NullLogger.Instance, timeProvider)
    {
    }

    /// <summary>The host's constructor: its logger and clock.</summary>
    public AiProxyPlugin(ILogger<AiProxyPlugin> logger, TimeProvider timeProvider)
        : this((ILogger)logger, timeProvider)
    {
    }

    public string Name => "ai-proxy";

    public int Priority => 770;

    public string Version => "1.0.0";

    public Type ConfigType => typeof(AiProxyConfig);

    /// <summary>Parses each instance's endpoint and encodes its body fields once, for every request to read back.</summary>
    public ValueTask ConfigureAsync(IReadOnlyList<PluginInstance> instances, CancellationToken cancellationToken)
    {
        foreach (var instance in instances)
        {
            instance.SetPrepared(PreparedInstance.For((AiProxyConfig)instance.Config));
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask AccessAsync(PluginContext context)
    {
        var config = context.GetConfig<AiProxyConfig>();
        var prepared = context.GetPrepared<PreparedInstance>();
        var state = context.GetState<AiProxyRequestState>();
        state.AccessRan = true;
        if (config.LlmFormat == LlmFormat.Anthropic && ProviderNames.SpeaksOpenAi(config))
        {
            if (await AnthropicClientAccess.RunAsync(context, config, state, logger).ConfigureAwait(false) is { } refused)
            {
                var body = AnthropicErrorBody.Create(refused.Type, refused.Message);
                state.ExitedHere = true;
                state.GeneratedResponse = body;
                context.Exit(refused.Status, body);
                return;
            }

            if (!state.ExitedHere)
            {
                InjectCredentials.Run(context, config);
            }

            return;
        }

        if (config.LlmFormat == LlmFormat.Openai && ProviderNames.SpeaksOpenAi(config))
        {
            await OpenAiProviderAccessAsync(context, config, state).ConfigureAwait(false);
            return;
        }

        if (config.LlmFormat == LlmFormat.Openai)
        {
            await OpenAiAccessAsync(context, config, state).ConfigureAwait(false);
            return;
        }

        state.Kind = ResolveUpstream.Classify(context.PathAfterRoute);
        ResolveUpstream.Apply(context.Upstream, state.Kind, context.PathAfterRoute, prepared.Endpoint);

        if (await ReadRequest.RunAsync(context, config, prepared.Fields, state).ConfigureAwait(false) is { } error)
        {
            var body = AnthropicErrorBody.Create(error.Type, error.Message);
            state.ExitedHere = true;
            state.GeneratedResponse = body;
            context.Exit(error.Status, body);
            return;
        }

        InjectCredentials.Run(context, config);
        NegotiateEncoding.Run(context.HttpContext.Request.Headers, state.Streaming);
    }

    public ValueTask HeaderFilterAsync(PluginContext context)
    {
        var state = context.GetState<AiProxyRequestState>();
        NormalizeResponseHeader.Run(context, context.GetConfig<AiProxyConfig>(), state);
        state.OpenAi?.OnHeaders(context.HttpContext.Response, context.ResponseSource, state.Kind);
        state.OpenAiUpstream?.OnHeaders(context.HttpContext.Response, context.ResponseSource);
        state.AnthropicClient?.OnHeaders(context.HttpContext.Response, context.ResponseSource);
        return ValueTask.CompletedTask;
    }

    public void BodyFilter(PluginContext context, BodyChunk chunk)
    {
        var state = context.GetState<AiProxyRequestState>();
        var now = context.Elapsed.Ticks;
        if (context.ResponseSource == ResponseSource.Upstream)
        {
            ObserveResponseBody.Run(state, chunk, now);
            if (state.Facts.UsageChanged || chunk.IsEndOfStream)
            {
                state.Facts.UsageChanged = false;
                ShareUsage.Run(context, context.GetConfig<AiProxyConfig>(), state, now, final: chunk.IsEndOfStream);
            }
        }
        else if (state.RewritingGatewayError)
        {
            state.ErrorRewrite ??= new RewriteGatewayError();
            state.GeneratedResponse = state.ErrorRewrite.Run(chunk, state.ResponseStatus) ?? state.GeneratedResponse;
        }

        state.OpenAi?.OnChunk(chunk);
        state.OpenAiUpstream?.OnChunk(chunk);
        state.AnthropicClient?.OnChunk(chunk);

        if (chunk.IsEndOfStream && state.EndTimestamp == 0)
        {
            state.EndTimestamp = now;
        }
    }

    private async ValueTask OpenAiAccessAsync(PluginContext context, AiProxyConfig config, AiProxyRequestState state)
    {
        var created = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (await OpenAiAccess.RunAsync(context, config, state, created).ConfigureAwait(false) is { } error)
        {
            var body = OpenAiErrorBody.Create(error.Type, error.Message, error.Param);
            state.ExitedHere = true;
            state.GeneratedResponse = body;
            context.Exit(error.Status, body);
            return;
        }

        InjectCredentials.Run(context, config);
    }

    private static async ValueTask OpenAiProviderAccessAsync(PluginContext context, AiProxyConfig config, AiProxyRequestState state)
    {
        if (await OpenAiProviderAccess.RunAsync(context, config, state).ConfigureAwait(false) is { } error)
        {
            // The client speaks OpenAI, so the refusal is in OpenAI's shape with Kong's message.
            var body = OpenAiErrorBody.Create(error.Type, error.Message);
            state.ExitedHere = true;
            state.GeneratedResponse = body;
            context.Exit(error.Status, body);
            return;
        }

        InjectCredentials.Run(context, config);
    }

    public ValueTask LogAsync(PluginContext context)
    {
        // The host disposes the state (its pooled buffers) after the log phase.
        var state = context.GetState<AiProxyRequestState>();
        SerializeAnalytics.Run(context, context.GetConfig<AiProxyConfig>(), state, context.Elapsed.Ticks);
        return ValueTask.CompletedTask;
    }
}
