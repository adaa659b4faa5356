using System.Text.Json;
using Gateway.MockAnthropic.Http;

namespace Gateway.MockAnthropic.Replies;

/// <summary>The OpenAI Chat Completions shapes: the one-shot completion, stream chunks, usage and errors.</summary>
internal static class ChatJson
{
    public static void WriteCompletion(Utf8JsonWriter w, string id, long created, string model, ReplyPlan plan, ChatUsage usage)
    {
        w.WriteStartObject();
        w.WriteString("id"u8, id);
        w.WriteString("object"u8, "chat.completion"u8);
        w.WriteNumber("created"u8, created);
        w.WriteString("model"u8, model);
        w.WriteStartArray("choices"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, 0);
        w.WriteStartObject("message"u8);
        w.WriteString("role"u8, "assistant"u8);
        var text = plan.Blocks.FirstOrDefault(b => b.Kind == ReplyBlockKind.Text);
        if (text is null)
        {
            w.WriteNull("content"u8);
        }
        else
        {
            w.WriteString("content"u8, text.Joined());
        }

        var thinking = plan.Blocks.FirstOrDefault(b => b.Kind == ReplyBlockKind.Thinking);
        if (thinking is not null)
        {
            w.WriteString("reasoning_content"u8, thinking.Joined());
        }

        var tools = plan.Blocks.Where(b => b.Kind == ReplyBlockKind.ToolUse).ToArray();
        if (tools.Length > 0)
        {
            w.WriteStartArray("tool_calls"u8);
            foreach (var tool in tools)
            {
                w.WriteStartObject();
                w.WriteString("id"u8, CallId(tool));
                w.WriteString("type"u8, "function"u8);
                w.WriteStartObject("function"u8);
                w.WriteString("name"u8, tool.ToolName);
                w.WriteString("arguments"u8, tool.Joined());
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteNull("refusal"u8);
        w.WriteEndObject();
        w.WriteNull("logprobs"u8);
        w.WriteString("finish_reason"u8, FinishReason(plan));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WritePropertyName("usage"u8);
        WriteUsage(w, usage);
        w.WriteNull("system_fingerprint"u8);
        w.WriteEndObject();
    }

    /// <summary>OpenAI's names: <c>stop</c> for a finished text, <c>tool_calls</c> when a tool is to run.</summary>
    public static string FinishReason(ReplyPlan plan) => plan.StopReason == "tool_use" ? "tool_calls" : "stop";

    /// <summary>OpenAI tool call ids look like <c>call_…</c>; the planner's <c>toolu_…</c> suffix is kept.</summary>
    public static string CallId(ReplyBlock tool) => "call_" + tool.ToolId!["toolu_01".Length..];

    public static void WriteUsage(Utf8JsonWriter w, ChatUsage usage)
    {
        w.WriteStartObject();
        w.WriteNumber("prompt_tokens"u8, usage.PromptTokens);
        w.WriteNumber("completion_tokens"u8, usage.CompletionTokens);
        w.WriteNumber("total_tokens"u8, usage.TotalTokens);
        w.WriteStartObject("prompt_tokens_details"u8);
        w.WriteNumber("cached_tokens"u8, usage.CachedTokens);
        w.WriteNumber("audio_tokens"u8, 0);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details"u8);
        w.WriteNumber("reasoning_tokens"u8, usage.ReasoningTokens);
        w.WriteNumber("audio_tokens"u8, 0);
        w.WriteNumber("accepted_prediction_tokens"u8, 0);
        w.WriteNumber("rejected_prediction_tokens"u8, 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Opens a chunk and its single choice, leaving the writer inside <c>delta</c>.</summary>
    public static void BeginChunk(Utf8JsonWriter w, ChunkHeader header)
    {
        w.WriteStartObject();
        WriteChunkEnvelope(w, header);
        w.WriteStartArray("choices"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, 0);
        w.WriteStartObject("delta"u8);
    }

    /// <summary>Closes <c>delta</c>, the choice and the chunk (with <c>"usage":null</c> when usage was asked for).</summary>
    public static void EndChunk(Utf8JsonWriter w, ChunkHeader header, string? finishReason)
    {
        w.WriteEndObject();
        w.WriteNull("logprobs"u8);
        if (finishReason is null)
        {
            w.WriteNull("finish_reason"u8);
        }
        else
        {
            w.WriteString("finish_reason"u8, finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        if (header.IncludeUsage)
        {
            w.WriteNull("usage"u8);
        }

        w.WriteEndObject();
    }

    /// <summary>OpenAI's last chunk when <c>include_usage</c> was asked: no choices, the whole usage.</summary>
    public static void WriteUsageChunk(Utf8JsonWriter w, ChunkHeader header, ChatUsage usage)
    {
        w.WriteStartObject();
        WriteChunkEnvelope(w, header);
        w.WriteStartArray("choices"u8);
        w.WriteEndArray();
        w.WritePropertyName("usage"u8);
        WriteUsage(w, usage);
        w.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter w, string type, string message, string? code)
    {
        w.WriteStartObject();
        w.WriteStartObject("error"u8);
        w.WriteString("message"u8, message);
        w.WriteString("type"u8, type);
        w.WriteNull("param"u8);
        if (code is null)
        {
            w.WriteNull("code"u8);
        }
        else
        {
            w.WriteString("code"u8, code);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteChunkEnvelope(Utf8JsonWriter w, ChunkHeader header)
    {
        w.WriteString("id"u8, header.Id);
        w.WriteString("object"u8, "chat.completion.chunk"u8);
        w.WriteNumber("created"u8, header.Created);
        w.WriteString("model"u8, header.Model);
        w.WriteNull("system_fingerprint"u8);
    }
}

/// <summary>What every chunk of one stream repeats.</summary>
internal sealed record ChunkHeader(string Id, long Created, string Model, bool IncludeUsage);
