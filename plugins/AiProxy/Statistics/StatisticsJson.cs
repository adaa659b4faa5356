using System.Text.Json;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// The JSON written under <c>ai.proxy</c>, with Kong's field names, written straight into the log line's
/// <see cref="Utf8JsonWriter"/>: the log phase builds no JSON tree (a JsonObject pair cost 2.7 KB per request).
/// </summary>
internal static class StatisticsJson
{
    // Kong's names, encoded once rather than escaped and transcoded on every request: lowercase ASCII and
    // underscores, the same bytes under any encoder.
    private static readonly JsonEncodedText CacheCreationTokens = JsonEncodedText.Encode("cache_creation_tokens");
    private static readonly JsonEncodedText CachedTokens = JsonEncodedText.Encode("cached_tokens");
    private static readonly JsonEncodedText ClientModel = JsonEncodedText.Encode("client_model");
    private static readonly JsonEncodedText CompletionTokens = JsonEncodedText.Encode("completion_tokens");
    private static readonly JsonEncodedText CompletionTokensDetails = JsonEncodedText.Encode("completion_tokens_details");
    private static readonly JsonEncodedText Cost = JsonEncodedText.Encode("cost");
    private static readonly JsonEncodedText LlmLatency = JsonEncodedText.Encode("llm_latency");
    private static readonly JsonEncodedText ErrorMessage = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText PluginId = JsonEncodedText.Encode("plugin_id");
    private static readonly JsonEncodedText PromptTokens = JsonEncodedText.Encode("prompt_tokens");
    private static readonly JsonEncodedText PromptTokensDetails = JsonEncodedText.Encode("prompt_tokens_details");
    private static readonly JsonEncodedText ProviderName = JsonEncodedText.Encode("provider_name");
    private static readonly JsonEncodedText RequestMode = JsonEncodedText.Encode("request_mode");
    private static readonly JsonEncodedText RequestModel = JsonEncodedText.Encode("request_model");
    private static readonly JsonEncodedText ResponseError = JsonEncodedText.Encode("response_error");
    private static readonly JsonEncodedText ResponseIncomplete = JsonEncodedText.Encode("response_incomplete");
    private static readonly JsonEncodedText ResponseModel = JsonEncodedText.Encode("response_model");
    private static readonly JsonEncodedText TimePerToken = JsonEncodedText.Encode("time_per_token");
    private static readonly JsonEncodedText TimeToFirstToken = JsonEncodedText.Encode("time_to_first_token");
    private static readonly JsonEncodedText TotalTokens = JsonEncodedText.Encode("total_tokens");
    private static readonly JsonEncodedText ErrorType = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText UsageProblem = JsonEncodedText.Encode("usage_problem");

    public static void Write(Utf8JsonWriter writer, MetaStatistics meta)
    {
        writer.WriteStartObject();
        writer.WriteString(PluginId, meta.PluginId);
        writer.WriteString(ProviderName, meta.ProviderName);
        writer.WriteString(RequestModel, meta.RequestModel);
        writer.WriteString(ResponseModel, meta.ResponseModel);
        writer.WriteNumber(LlmLatency, meta.LlmLatency);
        writer.WriteString(RequestMode, meta.RequestMode);
        if (meta.ClientModel is not null)
        {
            writer.WriteString(ClientModel, meta.ClientModel);
        }

        if (meta.ResponseError is { } error)
        {
            writer.WriteStartObject(ResponseError);
            WriteStringOrNull(writer, ErrorType, error.Type);
            WriteStringOrNull(writer, ErrorMessage, error.Message);
            writer.WriteEndObject();
        }

        if (meta.ResponseIncomplete)
        {
            writer.WriteBoolean(ResponseIncomplete, true);
        }

        if (meta.UsageProblem is not null)
        {
            writer.WriteString(UsageProblem, meta.UsageProblem);
        }

        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, UsageStatistics usage)
    {
        writer.WriteStartObject();
        writer.WriteNumber(PromptTokens, usage.PromptTokens);
        writer.WriteNumber(CompletionTokens, usage.CompletionTokens);
        writer.WriteNumber(TotalTokens, usage.TotalTokens);
        WriteNumberOrNull(writer, Cost, usage.Cost);
        WriteNumberOrNull(writer, TimePerToken, usage.TimePerToken);
        writer.WriteNumber(TimeToFirstToken, usage.TimeToFirstToken);
        writer.WriteStartObject(PromptTokensDetails);
        writer.WriteNumber(CachedTokens, usage.CachedTokens);
        writer.WriteNumber(CacheCreationTokens, usage.CacheCreationTokens);
        writer.WriteEndObject();
        writer.WriteStartObject(CompletionTokensDetails);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, JsonEncodedText name, string? value)
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
    private static void WriteNumberOrNull(Utf8JsonWriter writer, JsonEncodedText name, double value)
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
