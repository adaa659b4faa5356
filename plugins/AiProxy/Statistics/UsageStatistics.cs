using System.Text.Json.Serialization;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>The values of <c>ai.proxy.usage</c>. Set as the log field itself: <see cref="UsageStatisticsConverter"/>
/// writes it in Kong's shape. A struct, like
/// <see cref="MetaStatistics"/>: boxed once, for the log.</summary>
[JsonConverter(typeof(UsageStatisticsConverter))]
internal readonly record struct UsageStatistics(
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    double Cost,
    double TimePerToken,
    long TimeToFirstToken,
    long CachedTokens,
    long CacheCreationTokens)
{
    public static readonly UsageStatistics Zero = new(0, 0, 0, 0, 0, 0, 0, 0);
}
