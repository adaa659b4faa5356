using System.Text.Json.Nodes;

namespace Gateway.Host.Tests.Usage;

/// <summary>File-log lines in the shape the gateway writes (see docs/plugins/file-log.md), with the fields a test sets.</summary>
internal static class LogLines
{
    public static readonly DateTimeOffset Day1 = new(2026, 11, 27, 1, 10, 12, TimeSpan.Zero);

    public static string Ai(
        DateTimeOffset? startedAt = null,
        string? session = "084d100f-3123-4895-830b-0375d9aceadb",
        string model = "claude-sonnet-4-5-20250929",
        string route = "example-route",
        int status = 200,
        long input = 100,
        long output = 20,
        long cacheWrite = 0,
        long cacheRead = 0,
        decimal cost = 0m,
        long ttft = 400,
        bool responseError = false)
    {
        var headers = new JsonObject
        {
            ["user-agent"] = "claude-cli/2.1.328 (external, sdk-cli)",
            ["x-api-key"] = "REDACTED",
        };
        if (session is not null)
        {
            headers["x-claude-code-session-id"] = session;
        }

        var meta = new JsonObject
        {
            ["plugin_id"] = "6475d991-9fe6-5a22-a4c7-7865c0120dd1",
            ["provider_name"] = "anthropic",
            ["request_model"] = model,
            ["response_model"] = model,
            ["llm_latency"] = 438,
            ["request_mode"] = "stream",
        };
        if (responseError)
        {
            meta["response_error"] = new JsonObject { ["type"] = "overloaded_error", ["message"] = "Overloaded" };
        }

        var line = new JsonObject
        {
            ["request"] = new JsonObject { ["uri"] = "/anything/v1/messages?beta=true", ["method"] = "POST", ["headers"] = headers, ["size"] = 88257 },
            ["upstream_uri"] = "/v1/messages?beta=true",
            ["response"] = new JsonObject { ["status"] = status, ["headers"] = new JsonObject { ["server"] = "Kestrel" }, ["size"] = 4197 },
            ["latencies"] = new JsonObject { ["kong"] = 36, ["proxy"] = 397, ["request"] = 475, ["receive"] = 42 },
            ["route"] = new JsonObject { ["id"] = "c906c7e1-f5f2-5d2a-ad60-89f7eb9aabb2", ["name"] = route, ["paths"] = new JsonArray("/anything") },
            ["client_ip"] = "127.0.0.1",
            ["started_at"] = (startedAt ?? Day1).ToUnixTimeMilliseconds(),
            ["source"] = "upstream",
            ["ai"] = new JsonObject
            {
                ["proxy"] = new JsonObject
                {
                    ["meta"] = meta,
                    ["usage"] = new JsonObject
                    {
                        ["prompt_tokens"] = input + cacheWrite + cacheRead,
                        ["completion_tokens"] = output,
                        ["total_tokens"] = input + cacheWrite + cacheRead + output,
                        ["cost"] = cost,
                        ["time_per_token"] = 21.9,
                        ["time_to_first_token"] = ttft,
                        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cacheRead, ["cache_creation_tokens"] = cacheWrite },
                        ["completion_tokens_details"] = new JsonObject(),
                    },
                },
            },
        };
        return line.ToJsonString();
    }

    /// <summary>A request ai-proxy never saw (Kong's 404 for no route): valid JSON, no <c>ai</c>.</summary>
    public static string WithoutAi() =>
        """{"request":{"uri":"/nowhere","method":"GET","headers":{}},"response":{"status":404},"started_at":1795741812159,"source":"kong"}""";
}
