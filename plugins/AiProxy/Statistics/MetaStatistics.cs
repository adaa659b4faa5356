using System.Text.Json.Serialization;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>The values of <c>ai.proxy.meta</c>; the last three are ours, beyond Kong's fields. Set as the log field
/// itself: <see cref="MetaStatisticsConverter"/> writes it in Kong's shape. A struct: the body filter builds it
/// each time usage changes only to publish <see cref="AiUsage"/>; it is boxed once, for the log.</summary>
/// <param name="ResponseError">An Anthropic error the upstream returned (non-2xx body or <c>event: error</c>
/// after HTTP 200), as <c>(type, message)</c>.</param>
/// <param name="ResponseIncomplete">The response never reached its end (client disconnect or upstream abort):
/// the numbers are what had been seen.</param>
/// <param name="UsageProblem">Why usage could not be read, if it could not.</param>
/// <param name="ClientModel">The model name the client sent, when the route mapped it to another backend model.</param>
[JsonConverter(typeof(MetaStatisticsConverter))]
internal readonly record struct MetaStatistics(
    string PluginId,
    string ProviderName,
    string RequestModel,
    string ResponseModel,
    long LlmLatency,
    string RequestMode,
    (string? Type, string? Message)? ResponseError,
    bool ResponseIncomplete,
    string? UsageProblem,
    string? ClientModel = null);
