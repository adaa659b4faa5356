using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Response;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// Collects what the phases recorded into Kong's meta and usage. Tokens count only for Messages calls that
/// reached the upstream; count_tokens, models, other calls, rejected requests and gateway errors carry zero usage
/// (but still their latency and mode). A response that did not reach its end (the body was cut, or a stream ended
/// without <c>message_stop</c>) is marked incomplete; a stream cut before its final usage counts what was seen.
/// </summary>
internal static class BuildStatistics
{
    public const string Unspecified = "UNSPECIFIED";

    /// <param name="final">The response ended (or the log phase runs): a stream cut before its final usage is then
    /// counted by its deltas. Mid-stream the counts are the provider's so far.</param>
    /// <returns>Kong's meta and usage, and whether the call was a Messages call answered by the provider (the only
    /// kind whose usage is published to other plugins).</returns>
    public static (MetaStatistics Meta, UsageStatistics Usage, bool Generative) Run(PluginContext context, AiProxyConfig config,
        AiProxyRequestState state, long now, bool final = true)
    {
        var facts = state.Facts;
        var fromUpstream = context.ResponseSource == ResponseSource.Upstream;
        var ended = state.EndTimestamp != 0;
        var generative = fromUpstream && state.AccessRan && state.Kind == RequestKind.Messages;
        var firstToken = !generative ? 0 : state.Streaming ? facts.FirstContentTimestamp : state.FirstByteTimestamp;
        // On the request clock, like every time ai-proxy records: the offset from the start at which it went upstream.
        var upstreamSent = (context.UpstreamSentAt - context.StartedAt)?.Ticks ?? 0;
        var timings = LlmTimings.Measure(upstreamSent, ended ? state.EndTimestamp : now, firstToken);
        var problem = generative ? facts.ReadProblem : null;
        if (generative && final && CountSeenOutput(facts) is { } counted)
        {
            problem = problem is null ? counted : $"{problem}; {counted}";
        }

        var usage = generative ? ComputeUsage.Run(facts.Usage, config.ValidModel.Options, timings) : UsageStatistics.Zero;

        var requestModel = state.RequestModel ?? config.ValidModel.Name ?? Unspecified;
        var error = facts.ErrorType is null && facts.ErrorMessage is null ? ((string?, string?)?)null : (facts.ErrorType, facts.ErrorMessage);
        var meta = new MetaStatistics(
            context.Instance.Id,
            ProviderNames.Of(config),
            requestModel,
            facts.Model ?? requestModel,
            timings.LatencyMs,
            RequestModes.For(state.Kind, state.Streaming),
            error,
            ResponseIncomplete: fromUpstream && (!ended || (facts.EventStream && !facts.MessageStopped)),
            problem,
            state.ClientModel is { } client && client != requestModel ? client : null);
        return (meta, usage, generative);
    }

    /// <summary>
    /// A stream that ended before <c>message_delta</c> only reported <c>message_start</c>'s provisional output
    /// count (usually 1), however much it had generated. Content deltas carry no count, but each that carried output
    /// was at least one token: the output is what was seen, and the log says so.
    /// </summary>
    /// <returns>The note for <c>usage_problem</c>, or null when the usage reported stands.</returns>
    private static string? CountSeenOutput(ResponseFacts facts)
    {
        if (facts.SeenOutputNote is { } note)
        {
            return note;
        }

        var reported = facts.Usage.OutputTokens ?? 0;
        if (!facts.EventStream || facts.FinalUsageSeen || facts.OutputDeltas <= reported)
        {
            return null;
        }

        facts.Usage.OutputTokens = facts.OutputDeltas;
        return facts.SeenOutputNote = $"stream ended before its final usage: completion_tokens counts the {facts.OutputDeltas} content deltas seen (the upstream had reported {reported})";
    }
}
