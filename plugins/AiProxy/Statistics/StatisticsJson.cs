using System.Text.Json.Nodes;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>The JSON written under <c>ai.proxy</c>, with Kong's field names.</summary>
internal static class StatisticsJson
{
    public static JsonObject Meta(MetaStatistics meta)
    {
        var json = new JsonObject
        {
            ["plugin_id"] = meta.PluginId,
            ["provider_name"] = meta.ProviderName,
            ["request_model"] = meta.RequestModel,
            ["response_model"] = meta.ResponseModel,
            ["llm_latency"] = meta.LlmLatency,
            ["request_mode"] = meta.RequestMode,
        };
        if (meta.ClientModel is not null)
        {
            json["client_model"] = meta.ClientModel;
        }

        if (meta.ResponseError is { } error)
        {
            json["response_error"] = new JsonObject { ["type"] = error.Type, ["message"] = error.Message };
        }

        if (meta.ResponseIncomplete)
        {
            json["response_incomplete"] = true;
        }

        if (meta.UsageProblem is not null)
        {
            json["usage_problem"] = meta.UsageProblem;
        }

        return json;
    }

    public static JsonObject Usage(UsageStatistics usage) => new()
    {
        ["prompt_tokens"] = usage.PromptTokens,
        ["completion_tokens"] = usage.CompletionTokens,
        ["total_tokens"] = usage.TotalTokens,
        ["cost"] = usage.Cost,
        ["time_per_token"] = usage.TimePerToken,
        ["time_to_first_token"] = usage.TimeToFirstToken,
        ["prompt_tokens_details"] = new JsonObject
        {
            ["cached_tokens"] = usage.CachedTokens,
            ["cache_creation_tokens"] = usage.CacheCreationTokens,
        },
        ["completion_tokens_details"] = new JsonObject(),
    };
}
