using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Errors;
using Gateway.Plugins.AiProxy.OpenAi;
using Gateway.Plugins.AiProxy.OpenAi.Errors;
using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Response;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy;

/// <summary>
/// Kong's ai-proxy for Claude Code: proxies Anthropic's native Messages API with the operator's key and measures
/// every call. Like Kong's, it is thin wiring over named single-purpose filters, one folder per stage of the
/// request path: Request (resolve-upstream, parse-request, normalize-request, inject-credentials,
/// negotiate-encoding), Response (normalize-response-header, observe-response-body with the SSE and JSON readers,
/// rewrite-gateway-error) and Statistics (serialize-analytics). With <c>llm_format: openai</c> the OpenAi folder
/// translates Chat Completions to Messages and every answer back.
/// </summary>
internal sealed class AiProxyPlugin(TimeProvider timeProvider) : IGatewayPlugin, IConfigurePhase, IAccessPhase, IHeaderFilterPhase, IBodyFilterPhase, ILogPhase
{
    public AiProxyPlugin()
        : this(TimeProvider.System)
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

    public ValueTask LogAsync(PluginContext context)
    {
        // The host disposes the state (its pooled buffers) after the log phase.
        var state = context.GetState<AiProxyRequestState>();
        SerializeAnalytics.Run(context, context.GetConfig<AiProxyConfig>(), state, context.Elapsed.Ticks);
        return ValueTask.CompletedTask;
    }
}
