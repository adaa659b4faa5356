using System.Text.Json.Nodes;

namespace Gateway.MockAnthropic.Tests.Support;

/// <summary>Messages API bodies shaped like Claude Code's: system reminders first, cache_control on blocks.</summary>
internal static class RequestBodies
{
    public const string Model = "claude-sonnet-4-5-20250929";

    public static string Messages(
        string question, bool stream = false, bool thinking = false, bool cacheControl = true, string model = Model)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 32000,
            ["messages"] = new JsonArray(UserMessage(question, cacheControl)),
            ["stream"] = stream,
        };
        if (thinking)
        {
            body["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 31999 };
        }

        return body.ToJsonString();
    }

    /// <summary>The second turn of a tool call: question, the assistant's tool_use, the user's tool_result.</summary>
    public static string ToolResult(string question, string toolUseId, string output, bool stream = true)
    {
        var assistant = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = new JsonArray(new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = toolUseId,
                ["name"] = "Bash",
                ["input"] = new JsonObject { ["command"] = "echo hi", ["description"] = "Run command" },
            }),
        };
        var result = new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject
            {
                ["type"] = "tool_result",
                ["tool_use_id"] = toolUseId,
                ["content"] = output,
                ["is_error"] = false,
                ["cache_control"] = new JsonObject { ["type"] = "ephemeral" },
            }),
        };
        return new JsonObject
        {
            ["model"] = Model,
            ["max_tokens"] = 32000,
            ["messages"] = new JsonArray(UserMessage(question, cacheControl: true), assistant, result),
            ["stream"] = stream,
        }.ToJsonString();
    }

    private static JsonObject UserMessage(string question, bool cacheControl)
    {
        var questionBlock = new JsonObject { ["type"] = "text", ["text"] = question };
        if (cacheControl)
        {
            questionBlock["cache_control"] = new JsonObject { ["type"] = "ephemeral" };
        }

        return new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = "<system-reminder>\nContext.\n</system-reminder>" },
                new JsonObject { ["type"] = "text", ["text"] = "<system-reminder>\nMore context.\n</system-reminder>" },
                questionBlock),
        };
    }
}
