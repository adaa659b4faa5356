using Gateway.Plugins.AiProxy.AnthropicToOpenAi;
using Gateway.Plugins.AiProxy.OpenAi;
using Gateway.Plugins.AiProxy.OpenAiUpstream;
using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Response;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy;

/// <summary>Everything ai-proxy remembers about one request between its phases (Kong's <c>kong.ctx.plugin</c>).
/// Created by the host on first use; disposed by the host after the log phase, however the request ended.</summary>
internal sealed class AiProxyRequestState : IDisposable
{
    /// <summary>False when an earlier plugin ended the request before ai-proxy's access phase ran.</summary>
    public bool AccessRan { get; set; }

    public RequestKind Kind { get; set; }

    public bool Streaming { get; set; }

    /// <summary>Kong's resolved request model, or null when unknown.</summary>
    public string? RequestModel { get; set; }

    /// <summary>ai-proxy itself ended the request (a 400 or 413).</summary>
    public bool ExitedHere { get; set; }

    /// <summary>A gateway-generated error body is being turned into an Anthropic error.</summary>
    public bool RewritingGatewayError { get; set; }

    public int ResponseStatus { get; set; }

    public string? RequestPayload { get; set; }

    public bool RequestPayloadTruncated { get; set; }

    /// <summary>The response body ai-proxy produced itself (its exits and rewritten errors), for payload logging.</summary>
    public string? GeneratedResponse { get; set; }

    public ResponseFacts Facts { get; } = new();

    public ResponseTap? Tap { get; set; }

    public RewriteGatewayError? ErrorRewrite { get; set; }

    /// <summary>Set on an <c>llm_format: openai</c> route: the translation of what the client sees.</summary>
    public OpenAiExchange? OpenAi { get; set; }

    /// <summary>Set on an <c>llm_format: openai</c> route to an OpenAI-compatible provider.</summary>
    public OpenAiProviderExchange? OpenAiUpstream { get; set; }

    /// <summary>Set on an <c>llm_format: anthropic</c> route to an OpenAI-compatible provider.</summary>
    public AnthropicClientExchange? AnthropicClient { get; set; }

    /// <summary>The model name the client sent, when the route maps it to another backend model.</summary>
    public string? ClientModel { get; set; }

    /// <summary>Request-clock times (<see cref="PluginContext.Elapsed"/>, in TimeSpan ticks); 0 when not (yet) seen.</summary>
    public long FirstByteTimestamp { get; set; }

    public long EndTimestamp { get; set; }

    /// <summary>The rented holders of this request's logged statistics, returned on dispose.</summary>
    public LoggedStatistics? LoggedStatistics { get; set; }

    public void Dispose()
    {
        if (LoggedStatistics is { } logged)
        {
            LoggedStatistics = null;
            Statistics.LoggedStatistics.Return(logged);
        }

        Tap?.Dispose();
        Tap = null;
        ErrorRewrite?.Dispose();
        ErrorRewrite = null;
        OpenAi?.Dispose();
        OpenAi = null;
        OpenAiUpstream?.Dispose();
        OpenAiUpstream = null;
        AnthropicClient?.Dispose();
        AnthropicClient = null;
        Facts.Dispose();
    }
}
