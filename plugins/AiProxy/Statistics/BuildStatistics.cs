using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Request;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// Collects what the phases recorded into Kong's meta and usage. Tokens count only for Messages calls that
/// reached the upstream; count_tokens, models, other calls, rejected requests and gateway errors carry zero usage
/// (but still their latency and mode).
/// </summary>
internal static class BuildStatistics
{
    public const string Unspecified = "UNSPECIFIED";

    public static (MetaStatistics Meta, UsageStatistics Usage) Run(PluginContext context, AiProxyConfig config,
        AiProxyRequestState state, long now)
    {
        var facts = state.Facts;
        var fromUpstream = context.ResponseSource == ResponseSource.Upstream;
        var ended = state.EndTimestamp != 0;
        var generative = fromUpstream && state.AccessRan && state.Kind == RequestKind.Messages;
        var firstToken = !generative ? 0 : state.Streaming ? facts.FirstContentTimestamp : state.FirstByteTimestamp;
        var timings = LlmTimings.Measure(context.UpstreamSentTimestamp, ended ? state.EndTimestamp : now, firstToken);
        var usage = generative ? ComputeUsage.Run(facts.Usage, config.ValidModel.Options, timings) : UsageStatistics.Zero;

        var requestModel = state.RequestModel ?? config.ValidModel.Name ?? Unspecified;
        var error = facts.ErrorType is null && facts.ErrorMessage is null ? ((string?, string?)?)null : (facts.ErrorType, facts.ErrorMessage);
        var meta = new MetaStatistics(
            context.Instance.Id,
            "anthropic",
            requestModel,
            facts.Model ?? requestModel,
            timings.LatencyMs,
            RequestModes.For(state.Kind, state.Streaming),
            error,
            ResponseIncomplete: fromUpstream && !ended,
            generative ? facts.ReadProblem : null);
        return (meta, usage);
    }
}
