using System.Text.Json.Nodes;

namespace Gateway.MockAnthropic.Tests.Support;

/// <summary>Chat Completions bodies shaped like the OpenAI SDKs' (and the gateway's translation) send.</summary>
internal static class ChatBodies
{
    public const string Model = "gpt-4.1-mini";

    public static string Chat(
        string question, bool stream = false, bool? includeUsage = null, string? reasoningEffort = null,
        string? promptCacheKey = null)
    {
        var body = new JsonObject
        {
            ["model"] = Model,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are terse." },
                new JsonObject { ["role"] = "user", ["content"] = question }),
            ["stream"] = stream,
        };
        if (includeUsage is { } include)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = include };
        }

        if (reasoningEffort is not null)
        {
            body["reasoning_effort"] = reasoningEffort;
        }

        if (promptCacheKey is not null)
        {
            body["prompt_cache_key"] = promptCacheKey;
        }

        return body.ToJsonString();
    }

    /// <summary>Second turn: the question, the assistant's tool call, the tool's output.</summary>
    public static string ToolResult(string question, string callId, string output, bool stream = false) =>
        new JsonObject
        {
            ["model"] = Model,
            ["messages"] = new JsonArray(
                new JsonObject
                {
                    ["role"] = "user",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = question }),
                },
                new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = null,
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = callId,
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = "Bash", ["arguments"] = "{\"command\":\"echo hi\"}" },
                    }),
                },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = callId, ["content"] = output }),
            ["stream"] = stream,
        }.ToJsonString();
}
