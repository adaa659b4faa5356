using System.Text;
using System.Text.Json;

namespace Gateway.MockAnthropic.Parsing;

/// <summary>
/// Reads an OpenAI Chat Completions body into the same <see cref="MessagesRequest"/> facts the Anthropic side uses,
/// so one planner decides both wire formats' answers.
/// </summary>
internal static class ChatRequestParser
{
    /// <returns>The request, or null with <paramref name="error"/> worded like OpenAI's validation.</returns>
    public static ChatRequest? Parse(ReadOnlyMemory<byte> body, out string error)
    {
        error = "";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            error = "We could not parse the JSON body of your request: " + e.Message;
            return null;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "We could not parse the JSON body of your request: it is not an object.";
                return null;
            }

            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String
                || model.GetString()!.Length == 0)
            {
                error = "you must provide a model parameter";
                return null;
            }

            if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            {
                error = "Missing required parameter: 'messages'.";
                return null;
            }

            var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
            var includeUsage = root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
                && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
            if (so.ValueKind == JsonValueKind.Object && !stream)
            {
                // OpenAI's own check: stream_options without a stream is a client bug worth surfacing.
                error = "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
                return null;
            }

            // reasoning_content comes back only when reasoning is asked for, as on vLLM/DeepSeek-style servers.
            var reasoning = root.TryGetProperty("reasoning_effort", out var effort) && effort.ValueKind == JsonValueKind.String
                && effort.GetString() is not ("none" or "minimal");
            var turn = ReadLastTurn(messages);
            return new ChatRequest
            {
                Facts = new MessagesRequest
                {
                    Model = model.GetString()!,
                    Stream = stream,
                    ThinkingEnabled = reasoning,
                    LastUserTexts = turn.Texts,
                    LastUserHasToolResult = turn.HasToolResult,
                    ToolResultText = turn.ToolResultText,
                },
                IncludeUsage = includeUsage,
                HasPromptCacheKey = root.TryGetProperty("prompt_cache_key", out var key) && key.ValueKind == JsonValueKind.String,
            };
        }
    }

    // The turn since the last assistant message: the user texts (where markers live) and the first tool result.
    private static (List<string> Texts, bool HasToolResult, string? ToolResultText) ReadLastTurn(JsonElement messages)
    {
        var texts = new List<string>(4);
        var hasToolResult = false;
        string? toolResultText = null;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role)
                || role.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            switch (role.GetString())
            {
                case "assistant":
                    texts.Clear();
                    hasToolResult = false;
                    toolResultText = null;
                    break;
                case "user":
                    AddTexts(message, texts);
                    break;
                case "tool":
                    hasToolResult = true;
                    if (toolResultText is null)
                    {
                        var parts = new List<string>(1);
                        AddTexts(message, parts);
                        toolResultText = string.Concat(parts);
                    }

                    break;
            }
        }

        return (texts, hasToolResult, toolResultText);
    }

    private static void AddTexts(JsonElement message, List<string> texts)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            texts.Add(content.GetString()!);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t)
                && t.ValueKind == JsonValueKind.String && t.ValueEquals("text"u8)
                && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                texts.Add(text.GetString()!);
            }
        }
    }
}
