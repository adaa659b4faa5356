using System.Text.Json.Nodes;
using Gateway.Plugins.AiProxy.Configuration;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// Kong's serialize-analytics, run in the log phase (which always runs, also after a client disconnect) so that
/// logging plugins with a lower priority, file-log at 9, see <c>ai.proxy.*</c>, and metrics or budget plugins see
/// <see cref="AiContextKeys.Usage"/>.
/// </summary>
internal static class SerializeAnalytics
{
    public static void Run(PluginContext context, AiProxyConfig config, AiProxyRequestState state, long now)
    {
        var (meta, usage, generative) = BuildStatistics.Run(context, config, state, now);
        if (generative)
        {
            // Published whether or not statistics are logged: metrics and budgets must not depend on a logging flag.
            PublishedUsage.Publish(context, meta, usage, state.Streaming);
        }

        if (config.Logging.LogStatistics)
        {
            // Pooled holders rather than the structs boxed: returned when the host disposes the state.
            var logged = state.LoggedStatistics ??= LoggedStatistics.Rent();
            logged.Meta.Value = meta;
            logged.Usage.Value = usage;
            context.SetSerializeValue("ai.proxy.meta", logged.Meta);
            context.SetSerializeValue("ai.proxy.usage", logged.Usage);
        }

        if (config.Logging.LogPayloads)
        {
            context.SetSerializeValue("ai.proxy.payload", Payload(state));
        }
    }

    private static JsonObject Payload(AiProxyRequestState state)
    {
        var payload = new JsonObject();
        if (state.RequestPayload is not null)
        {
            payload["request"] = state.RequestPayload;
            if (state.RequestPayloadTruncated)
            {
                payload["request_truncated"] = true;
            }
        }

        if (ResponsePayload(state) is { } response)
        {
            payload["response"] = response.Text;
            if (response.Truncated)
            {
                payload["response_truncated"] = true;
            }
        }

        return payload;
    }

    /// <summary>What the client got: ai-proxy's own body, the decoded one-shot body, or the text a stream carried.</summary>
    private static PayloadText? ResponsePayload(AiProxyRequestState state)
    {
        if (state.GeneratedResponse is not null)
        {
            return new PayloadText(state.GeneratedResponse, false);
        }

        if (state.Tap?.JsonBody is { } json)
        {
            return PayloadText.From(json.Body, json.Truncated);
        }

        return state.Tap is null ? null : PayloadText.From(state.Facts.StreamText.WrittenSpan, state.Facts.StreamText.Truncated);
    }
}
