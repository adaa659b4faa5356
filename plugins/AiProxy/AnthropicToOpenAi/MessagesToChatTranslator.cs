using System.Buffers;
using System.Text.Json;
using Gateway.Plugins.AiProxy.Configuration;
using Gateway.Plugins.AiProxy.OpenAi;
using Gateway.Plugins.AiProxy.Request;
using Gateway.Plugins.AiProxy.Translation;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// An Anthropic Messages body (Claude Code's) as a Chat Completions body, field by field (docs/plugins/ai-proxy.md
/// has the table). Fields OpenAI has an equivalent for are translated; Anthropic-only ones are dropped, because
/// api.openai.com rejects unknown fields, and named in <see cref="TranslatedMessages.Dropped"/> for the debug log.
/// </summary>
internal static class MessagesToChatTranslator
{
    public static RequestError? Translate(ReadOnlyMemory<byte> body, AiProxyConfig config, out TranslatedMessages? result)
    {
        result = null;
        using var document = PromptDocument.Parse(body, out var messages);
        if (document is null)
        {
            return RequestError.BadRequest(NormalizeRequest.NoPrompts);
        }

        var root = document.RootElement;
        var requested = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var backend = ModelMap.Resolve(config, requested);
        if (backend is null)
        {
            return RequestError.BadRequest(NormalizeRequest.NoModel);
        }

        var streaming = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        if (config.ResponseStreaming == ResponseStreaming.Deny && streaming)
        {
            return RequestError.BadRequest(NormalizeRequest.StreamingDenied);
        }

        streaming |= config.ResponseStreaming == ResponseStreaming.Always;
        var dropped = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            var buffer = new ArrayBufferWriter<byte>(body.Length + 256);
            using (var writer = new Utf8JsonWriter(buffer, OpenAiJson.WriterOptions))
            {
                Write(writer, root, messages, config, backend, streaming, dropped);
            }

            result = new TranslatedMessages(buffer.WrittenMemory.ToArray(), requested ?? backend, backend, streaming, [.. dropped]);
            return null;
        }
        catch (MessagesRequestException e)
        {
            return RequestError.BadRequest(e.Message);
        }
    }

    private static void Write(Utf8JsonWriter w, JsonElement root, JsonElement messages, AiProxyConfig config, string model,
        bool streaming, SortedSet<string> dropped)
    {
        var options = config.ValidModel.Options;
        w.WriteStartObject();
        w.WriteString("model"u8, model);
        w.WriteStartArray("messages"u8);
        if (root.TryGetProperty("system", out var system))
        {
            SystemMessage.Write(w, system, dropped);
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            ChatMessages.Write(w, message, $"messages.{index++}", dropped);
        }

        w.WriteEndArray();
        var maxTokens = options.MaxTokens is { } configured ? configured
            : root.TryGetProperty("max_tokens", out var mt) && mt.TryGetInt32(out var requested) ? requested : (int?)null;
        if (maxTokens is { } max)
        {
            // api.openai.com's reasoning models refuse max_tokens; self-hosted servers (vLLM, Ollama) all read it.
            w.WriteNumber(UsesCompletionTokens(config) ? "max_completion_tokens"u8 : "max_tokens"u8, max);
        }

        CopyNumber(w, root, "temperature", options.Temperature);
        CopyNumber(w, root, "top_p", options.TopP);
        if (root.TryGetProperty("stop_sequences", out var stop) && stop.ValueKind == JsonValueKind.Array && stop.GetArrayLength() > 0)
        {
            w.WritePropertyName("stop"u8);
            stop.WriteTo(w);
        }

        if (streaming)
        {
            w.WriteBoolean("stream"u8, true);
            w.WriteStartObject("stream_options"u8);
            w.WriteBoolean("include_usage"u8, true);
            w.WriteEndObject();
        }

        ChatTools.Write(w, root, dropped);
        if (root.TryGetProperty("thinking", out var thinking) && ReasoningEffort.From(thinking) is { } effort)
        {
            w.WriteString("reasoning_effort"u8, effort);
        }

        if (root.TryGetProperty("output_config", out var output))
        {
            ResponseFormat.Write(w, output, dropped);
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!Handled.Contains(property.Name))
            {
                dropped.Add(property.Name);
            }
        }

        w.WriteEndObject();
    }

    private static readonly HashSet<string> Handled = new(StringComparer.Ordinal)
    {
        "model", "messages", "system", "max_tokens", "temperature", "top_p", "stop_sequences", "stream", "tools",
        "tool_choice", "thinking", "output_config",
    };

    private static bool UsesCompletionTokens(AiProxyConfig config) =>
        config.ValidModel.Provider == ModelProvider.Azure
        || (config.ValidModel.Provider == ModelProvider.Openai && config.ValidModel.Options.UpstreamUrl is null);

    private static void CopyNumber(Utf8JsonWriter w, JsonElement root, string name, double? configured)
    {
        if (configured is { } value)
        {
            w.WriteNumber(name, value);
        }
        else if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number)
        {
            w.WritePropertyName(name);
            element.WriteTo(w);
        }
    }
}

/// <summary>The translated request: the Chat Completions body, the client's model and the backend's, and what was dropped.</summary>
internal sealed record TranslatedMessages(byte[] Body, string ClientModel, string BackendModel, bool Streaming, string[] Dropped);

/// <summary>Unwinds the translation to a 400 with the message; never leaves <see cref="MessagesToChatTranslator"/>.</summary>
internal sealed class MessagesRequestException(string message) : Exception(message);
