using System.Text.Json;

namespace Gateway.MockAnthropic.Replies;

/// <summary>The JSON shapes shared by the non-streaming body and the stream's events.</summary>
internal static class MessageJson
{
    /// <summary>The message object: full content for a non-streaming body, empty for <c>message_start</c>.</summary>
    public static void WriteMessage(
        Utf8JsonWriter w, string id, string model, ReplyPlan? plan, MockUsage usage)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, id);
        w.WriteString("type"u8, "message"u8);
        w.WriteString("role"u8, "assistant"u8);
        w.WriteString("model"u8, model);
        w.WriteStartArray("content"u8);
        if (plan is not null)
        {
            foreach (var block in plan.Blocks)
            {
                WriteBlock(w, block, complete: true);
            }
        }

        w.WriteEndArray();
        if (plan is null)
        {
            w.WriteNull("stop_reason"u8);
        }
        else
        {
            w.WriteString("stop_reason"u8, plan.StopReason);
        }

        w.WriteNull("stop_sequence"u8);
        w.WritePropertyName("usage"u8);
        WriteUsage(w, usage);
        w.WriteEndObject();
    }

    /// <summary>The usage object of a message and of <c>message_start</c>, with the real API's nested
    /// <c>cache_creation</c> breakdown (all cache writes here are 5-minute ones).</summary>
    public static void WriteUsage(Utf8JsonWriter w, MockUsage usage)
    {
        w.WriteStartObject();
        w.WriteNumber("input_tokens"u8, usage.InputTokens);
        w.WriteNumber("cache_creation_input_tokens"u8, usage.CacheCreationInputTokens);
        w.WriteNumber("cache_read_input_tokens"u8, usage.CacheReadInputTokens);
        w.WriteStartObject("cache_creation"u8);
        w.WriteNumber("ephemeral_5m_input_tokens"u8, usage.CacheCreationInputTokens);
        w.WriteNumber("ephemeral_1h_input_tokens"u8, 0);
        w.WriteEndObject();
        w.WriteNumber("output_tokens"u8, usage.OutputTokens);
        w.WriteString("service_tier"u8, "standard"u8);
        w.WriteEndObject();
    }

    /// <summary>The usage of <c>message_delta</c>: cumulative output plus the input and cache counts.</summary>
    public static void WriteDeltaUsage(Utf8JsonWriter w, MockUsage usage)
    {
        w.WriteStartObject();
        w.WriteNumber("input_tokens"u8, usage.InputTokens);
        w.WriteNumber("cache_creation_input_tokens"u8, usage.CacheCreationInputTokens);
        w.WriteNumber("cache_read_input_tokens"u8, usage.CacheReadInputTokens);
        w.WriteNumber("output_tokens"u8, usage.OutputTokens);
        w.WriteEndObject();
    }

    /// <summary>A content block: complete in a message, empty in <c>content_block_start</c>.</summary>
    public static void WriteBlock(Utf8JsonWriter w, ReplyBlock block, bool complete)
    {
        w.WriteStartObject();
        switch (block.Kind)
        {
            case ReplyBlockKind.Thinking:
                w.WriteString("type"u8, "thinking"u8);
                w.WriteString("thinking"u8, complete ? block.Joined() : "");
                w.WriteString("signature"u8, complete ? block.Signature : "");
                break;
            case ReplyBlockKind.Text:
                w.WriteString("type"u8, "text"u8);
                w.WriteString("text"u8, complete ? block.Joined() : "");
                break;
            case ReplyBlockKind.ToolUse:
                w.WriteString("type"u8, "tool_use"u8);
                w.WriteString("id"u8, block.ToolId);
                w.WriteString("name"u8, block.ToolName);
                w.WritePropertyName("input"u8);
                if (complete)
                {
                    w.WriteRawValue(block.Joined(), skipInputValidation: true);
                }
                else
                {
                    w.WriteStartObject();
                    w.WriteEndObject();
                }

                break;
        }

        w.WriteEndObject();
    }
}
