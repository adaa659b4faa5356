using System.Text.Json;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// The JSON written under <c>ai.proxy</c>, with Kong's field names, written straight into the log line's
/// <see cref="Utf8JsonWriter"/>: the log phase builds no JSON tree (a JsonObject pair cost 2.7 KB per request).
/// </summary>
internal static class StatisticsJson
{
    public static void Write(Utf8JsonWriter writer, MetaStatistics meta)
    {
        writer.WriteStartObject();
        writer.WriteString("plugin_id", meta.PluginId);
        writer.WriteString("provider_name", meta.ProviderName);
        writer.WriteString("request_model", meta.RequestModel);
        writer.WriteString("response_model", meta.ResponseModel);
        writer.WriteNumber("llm_latency", meta.LlmLatency);
        writer.WriteString("request_mode", meta.RequestMode);
        if (meta.ClientModel is not null)
        {
            writer.WriteString("client_model", meta.ClientModel);
        }

        if (meta.ResponseError is { } error)
        {
            writer.WriteStartObject("response_error");
            WriteStringOrNull(writer, "type", error.Type);
            WriteStringOrNull(writer, "message", error.Message);
            writer.WriteEndObject();
        }

        if (meta.ResponseIncomplete)
        {
            writer.WriteBoolean("response_incomplete", true);
        }

        if (meta.UsageProblem is not null)
        {
            writer.WriteString("usage_problem", meta.UsageProblem);
        }

        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, UsageStatistics usage)
    {
        writer.WriteStartObject();
        writer.WriteNumber("prompt_tokens", usage.PromptTokens);
        writer.WriteNumber("completion_tokens", usage.CompletionTokens);
        writer.WriteNumber("total_tokens", usage.TotalTokens);
        WriteNumberOrNull(writer, "cost", usage.Cost);
        WriteNumberOrNull(writer, "time_per_token", usage.TimePerToken);
        writer.WriteNumber("time_to_first_token", usage.TimeToFirstToken);
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", usage.CachedTokens);
        writer.WriteNumber("cache_creation_tokens", usage.CacheCreationTokens);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    // JSON has no NaN or Infinity (the writer would throw and the whole line be lost), as the host does for
    // plugin-set doubles.
    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
