using System.Buffers;
using System.Text.Json;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Translation;

namespace Gateway.Plugins.AiProxy.OpenAi.Request;

/// <summary>
/// Kong's normalize-request for <c>llm_format: openai</c>: a Chat Completions body becomes an Anthropic Messages
/// body, field by field (docs/plugins/ai-proxy.md has the table). Model pinning, streaming policy and the config's
/// tuning overrides work as on the native route, with Kong's messages; what Anthropic cannot honour is refused
/// with a 400 naming the parameter rather than silently dropped.
/// </summary>
internal static class ChatRequestTranslator
{
    /// <summary>Anthropic requires <c>max_tokens</c>; used when neither the request nor the config sets one.</summary>
    public const int DefaultMaxTokens = 4096;

    public static ChatRequestError? Translate(ReadOnlyMemory<byte> body, AiProxyConfig config, out TranslatedRequest? result)
    {
        result = null;
        using var document = PromptDocument.Parse(body, out var messages);
        if (document is null)
        {
            return ChatRequestError.BadRequest(NormalizeRequest.NoPrompts);
        }

        var root = document.RootElement;
        try
        {
            RejectUnsupported(root);
            var model = ResolveModel(root, config);
            var streaming = ResolveStreaming(root, config);
            var includeUsage = streaming && root.TryGetProperty("stream_options", out var options)
                && options.ValueKind == JsonValueKind.Object && options.TryGetProperty("include_usage", out var include)
                && include.ValueKind == JsonValueKind.True;
            result = new TranslatedRequest(Write(root, messages, config, model, streaming), model, streaming, includeUsage);
            return null;
        }
        catch (ChatRequestException e)
        {
            return ChatRequestError.BadRequest(e.Message, e.Param);
        }
    }

    private static void RejectUnsupported(JsonElement root)
    {
        if (root.TryGetProperty("n", out var n) && n.ValueKind == JsonValueKind.Number && (!n.TryGetInt32(out var count) || count != 1))
        {
            throw new ChatRequestException("n must be 1: this provider returns one choice per request", "n");
        }

        if (root.TryGetProperty("logprobs", out var logprobs) && logprobs.ValueKind == JsonValueKind.True)
        {
            throw new ChatRequestException("logprobs are not supported by this provider", "logprobs");
        }

        if (root.TryGetProperty("top_logprobs", out var top) && top.ValueKind == JsonValueKind.Number)
        {
            throw new ChatRequestException("top_logprobs is not supported by this provider", "top_logprobs");
        }

        if (root.TryGetProperty("audio", out var audio) && audio.ValueKind != JsonValueKind.Null)
        {
            throw new ChatRequestException("audio output is not supported by this provider", "audio");
        }

        if (root.TryGetProperty("modalities", out var modalities) && modalities.ValueKind == JsonValueKind.Array
            && modalities.EnumerateArray().Any(m => m.ValueEquals("audio")))
        {
            throw new ChatRequestException("audio output is not supported by this provider", "modalities");
        }

        if (root.TryGetProperty("functions", out var functions) && functions.ValueKind != JsonValueKind.Null)
        {
            throw new ChatRequestException("functions (deprecated) are not supported: use tools", "functions");
        }
    }

    private static string ResolveModel(JsonElement root, AiProxyConfig config)
    {
        var pinned = config.ValidModel.Name;
        var hasModel = root.TryGetProperty("model", out var value) && value.ValueKind != JsonValueKind.Null;
        if (hasModel && value.ValueKind != JsonValueKind.String)
        {
            throw new ChatRequestException(pinned is null ? NormalizeRequest.ModelNotString : $"cannot use own model - must be: {pinned}", "model");
        }

        var requested = hasModel ? value.GetString() : null;
        if (pinned is not null)
        {
            return string.IsNullOrEmpty(requested) || requested == pinned ? pinned
                : throw new ChatRequestException($"cannot use own model - must be: {pinned}", "model");
        }

        if (string.IsNullOrEmpty(requested))
        {
            throw new ChatRequestException(NormalizeRequest.NoModel, "model");
        }

        return requested.Any(char.IsControl)
            ? throw new ChatRequestException(NormalizeRequest.ModelHasControlCharacters, "model")
            : requested;
    }

    private static bool ResolveStreaming(JsonElement root, AiProxyConfig config)
    {
        var streaming = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        return config.ResponseStreaming switch
        {
            ResponseStreaming.Deny when streaming => throw new ChatRequestException(NormalizeRequest.StreamingDenied, "stream"),
            ResponseStreaming.Always => true,
            _ => streaming,
        };
    }

    private static byte[] Write(JsonElement root, JsonElement messages, AiProxyConfig config, string model, bool streaming)
    {
        var options = config.ValidModel.Options;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("model"u8, model);
            var maxTokens = options.MaxTokens ?? Int(root, "max_completion_tokens") ?? Int(root, "max_tokens");
            var budget = ReasoningBudget.For(String(root, "reasoning_effort"));
            if (budget < 0)
            {
                throw new ChatRequestException("reasoning_effort must be one of none, minimal, low, medium, high, xhigh", "reasoning_effort");
            }

            if (budget > 0)
            {
                // OpenAI counts reasoning inside max_completion_tokens, Anthropic thinking inside max_tokens: a
                // budget that leaves no room for the answer is cut down; without any limit the answer keeps the default room.
                var limit = maxTokens ?? budget + DefaultMaxTokens;
                budget = Math.Min(budget, limit - 1);
                if (budget < ReasoningBudget.Minimum)
                {
                    throw new ChatRequestException($"reasoning_effort needs max_completion_tokens above {ReasoningBudget.Minimum}", "reasoning_effort");
                }

                maxTokens = limit;
            }

            writer.WriteNumber("max_tokens"u8, maxTokens ?? DefaultMaxTokens);
            ChatMessagesWriter.WriteSystem(writer, messages);
            ChatMessagesWriter.WriteMessages(writer, messages);
            if (streaming)
            {
                writer.WriteBoolean("stream"u8, true);
            }

            WriteNumber(writer, "temperature"u8, options.Temperature, root, "temperature");
            WriteNumber(writer, "top_p"u8, options.TopP, root, "top_p");
            if (options.TopK is { } topK)
            {
                writer.WriteNumber("top_k"u8, topK);
            }

            WriteStop(writer, root);
            ChatToolsWriter.Write(writer, root);
            WriteResponseFormat(writer, root);
            if (budget > 0)
            {
                writer.WriteStartObject("thinking"u8);
                writer.WriteString("type"u8, "enabled"u8);
                writer.WriteNumber("budget_tokens"u8, budget);
                writer.WriteEndObject();
            }

            if (String(root, "user") is { Length: > 0 } user)
            {
                writer.WriteStartObject("metadata"u8);
                writer.WriteString("user_id"u8, user);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? configured, JsonElement root, string field)
    {
        if (configured is { } value)
        {
            writer.WriteNumber(name, value);
        }
        else if (root.TryGetProperty(field, out var sent) && sent.ValueKind == JsonValueKind.Number)
        {
            writer.WritePropertyName(name);
            sent.WriteTo(writer);
        }
    }

    private static void WriteStop(Utf8JsonWriter writer, JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop) || stop.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        writer.WriteStartArray("stop_sequences"u8);
        if (stop.ValueKind == JsonValueKind.String)
        {
            stop.WriteTo(writer);
        }
        else if (stop.ValueKind == JsonValueKind.Array)
        {
            foreach (var sequence in stop.EnumerateArray())
            {
                if (sequence.ValueKind != JsonValueKind.String)
                {
                    throw new ChatRequestException("stop must be a string or an array of strings", "stop");
                }

                sequence.WriteTo(writer);
            }
        }
        else
        {
            throw new ChatRequestException("stop must be a string or an array of strings", "stop");
        }

        writer.WriteEndArray();
    }

    /// <summary><c>json_schema</c> becomes Anthropic's structured output (<c>output_config.format</c>); JSON mode
    /// (<c>json_object</c>) has no Anthropic equivalent and is refused rather than quietly ignored.</summary>
    private static void WriteResponseFormat(Utf8JsonWriter writer, JsonElement root)
    {
        if (!root.TryGetProperty("response_format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        switch (String(format, "type"))
        {
            case "text":
                return;
            case "json_schema" when format.TryGetProperty("json_schema", out var spec) && spec.ValueKind == JsonValueKind.Object
                && spec.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object:
                writer.WriteStartObject("output_config"u8);
                writer.WriteStartObject("format"u8);
                writer.WriteString("type"u8, "json_schema"u8);
                writer.WritePropertyName("schema"u8);
                schema.WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
                return;
            case "json_schema":
                throw new ChatRequestException("response_format json_schema needs json_schema.schema", "response_format.json_schema.schema");
            case "json_object":
                throw new ChatRequestException("response_format json_object is not supported by this provider: use json_schema", "response_format");
            default:
                throw new ChatRequestException("response_format type must be text or json_schema", "response_format.type");
        }
    }

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt32(out var number) && number > 0 ? number
                : throw new ChatRequestException($"{name} must be a positive integer", name)
            : null;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
