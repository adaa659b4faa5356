using System.Text;
using System.Text.Json;

namespace Gateway.Bench.LoadGen.Workloads;

/// <summary>
/// The request bodies of the workloads. Every one names the model the gateway pins, and the scenario markers go in
/// the last user message (not a header), so that every column — Portkey too, which does not forward unknown
/// headers — asks the mock for the same answer.
/// </summary>
internal static class RequestBodies
{
    public const string Model = "claude-sonnet-4-5-20250929";

    /// <summary>A small non-streaming Messages request (~200 bytes).</summary>
    public static byte[] Small() => Json(w =>
    {
        w.WriteString("model", Model);
        w.WriteNumber("max_tokens", 1024);
        w.WriteStartArray("messages");
        WriteUser(w, "Say hello in one short sentence.");
        w.WriteEndArray();
    });

    /// <summary>A small request whose answer the mock delays (non-streaming) by <paramref name="ms"/>.</summary>
    public static byte[] SmallDelayed(int ms) => Json(w =>
    {
        w.WriteString("model", Model);
        w.WriteNumber("max_tokens", 1024);
        w.WriteStartArray("messages");
        WriteUser(w, $"Say hello in one short sentence. [[mock:slow-first-token:{ms}]]");
        w.WriteEndArray();
    });

    /// <summary>A small streaming request answered with <paramref name="deltas"/> text deltas
    /// <paramref name="intervalMs"/> apart.</summary>
    public static byte[] SmallStream(int deltas, int intervalMs) => Json(w =>
    {
        w.WriteString("model", Model);
        w.WriteNumber("max_tokens", 1024);
        w.WriteBoolean("stream", true);
        w.WriteStartArray("messages");
        WriteUser(w, $"Write a short poem. [[mock:deltas:{deltas}:{intervalMs}]]");
        w.WriteEndArray();
    });

    /// <summary>An OpenAI Chat Completions streaming request (with the usage chunk asked for) whose Anthropic answer
    /// is <paramref name="deltas"/> text deltas <paramref name="intervalMs"/> apart: the same answer as
    /// <see cref="SmallStream"/>, through the gateway's <c>llm_format: openai</c> route.</summary>
    public static byte[] ChatStream(int deltas, int intervalMs) => Json(w =>
    {
        w.WriteString("model", Model);
        w.WriteNumber("max_completion_tokens", 1024);
        w.WriteBoolean("stream", true);
        w.WriteStartObject("stream_options");
        w.WriteBoolean("include_usage", true);
        w.WriteEndObject();
        w.WriteStartArray("messages");
        WriteUser(w, $"Write a short poem. [[mock:deltas:{deltas}:{intervalMs}]]");
        w.WriteEndArray();
    });

    /// <summary>
    /// A Claude Code-sized streaming turn (~90 KB): system prompt blocks with cache_control, 12 tools with JSON
    /// schemas, thinking enabled, metadata, a conversation with tool_use/tool_result rounds, and a last user
    /// message with system-reminder blocks, as Claude Code 2.x sends it.
    /// </summary>
    public static byte[] ClaudeCode(int targetBytes = 90 * 1024, int deltas = 64, int intervalMs = 0)
    {
        string[] tools = ["Task", "Bash", "Glob", "Grep", "LS", "ExitPlanMode", "Read", "Edit", "MultiEdit", "Write", "WebFetch", "TodoWrite"];
        return Json(w =>
        {
            w.WriteString("model", Model);
            w.WriteNumber("max_tokens", 32000);
            w.WriteBoolean("stream", true);
            w.WriteStartObject("thinking");
            w.WriteString("type", "enabled");
            w.WriteNumber("budget_tokens", 31999);
            w.WriteEndObject();
            w.WriteStartObject("metadata");
            w.WriteString("user_id", "user_3f1c0a5e9b7d4c2a8e6f1b0d9c8a7e6f_account__session_8b2f4e1a-7c3d-4e5f-9a0b-1c2d3e4f5a6b");
            w.WriteEndObject();

            w.WriteStartArray("system");
            WriteTextBlock(w, "You are Claude Code, Anthropic's official CLI for Claude.", cache: true);
            WriteTextBlock(w, Prose("system", 22_000), cache: true);
            w.WriteEndArray();

            w.WriteStartArray("tools");
            foreach (var tool in tools)
            {
                w.WriteStartObject();
                w.WriteString("name", tool);
                w.WriteString("description", Prose(tool, 2_600));
                w.WriteStartObject("input_schema");
                w.WriteString("type", "object");
                w.WriteStartObject("properties");
                foreach (var field in new[] { "command", "path", "pattern", "description", "timeout" })
                {
                    w.WriteStartObject(field);
                    w.WriteString("type", field == "timeout" ? "number" : "string");
                    w.WriteString("description", Prose(tool + field, 160));
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteStartArray("required");
                w.WriteStringValue("command");
                w.WriteEndArray();
                w.WriteBoolean("additionalProperties", false);
                w.WriteString("$schema", "http://json-schema.org/draft-07/schema#");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartArray("messages");
            for (var turn = 0; turn < 4; turn++)
            {
                w.WriteStartObject();
                w.WriteString("role", "user");
                w.WriteStartArray("content");
                if (turn > 0)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "tool_result");
                    w.WriteString("tool_use_id", $"toolu_01BenchTurn{turn}");
                    w.WriteString("content", Prose("result" + turn, 4_000));
                    w.WriteEndObject();
                }
                else
                {
                    WriteTextBlock(w, "<system-reminder>\n" + Prose("reminder", 3_000) + "\n</system-reminder>", cache: false);
                    WriteTextBlock(w, "Look at the repository and run the tests.", cache: false);
                }

                w.WriteEndArray();
                w.WriteEndObject();

                w.WriteStartObject();
                w.WriteString("role", "assistant");
                w.WriteStartArray("content");
                WriteTextBlock(w, Prose("assistant" + turn, 600), cache: false);
                w.WriteStartObject();
                w.WriteString("type", "tool_use");
                w.WriteString("id", $"toolu_01BenchTurn{turn + 1}");
                w.WriteString("name", "Bash");
                w.WriteStartObject("input");
                w.WriteString("command", "dotnet test --filter Category=Unit");
                w.WriteString("description", "Run the unit tests");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            // The last user message: the tool result, reminders, padding to the target size, the marker last.
            w.WriteStartObject();
            w.WriteString("role", "user");
            w.WriteStartArray("content");
            w.WriteStartObject();
            w.WriteString("type", "tool_result");
            w.WriteString("tool_use_id", "toolu_01BenchTurn4");
            w.WriteString("content", Prose("final-result", 2_000));
            w.WriteEndObject();
            var written = w.BytesPending + w.BytesCommitted;
            var padding = (int)Math.Max(0, targetBytes - written - 400);
            WriteTextBlock(w, "<system-reminder>\n" + Prose("padding", padding) + "\n</system-reminder>", cache: true);
            WriteTextBlock(w, $"Summarize what you found. [[mock:deltas:{deltas}:{intervalMs}]]", cache: false);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    /// <summary>A non-streaming request of about <paramref name="bytes"/> bytes (the 4 MB body).</summary>
    public static byte[] Large(int bytes) => Json(w =>
    {
        w.WriteString("model", Model);
        w.WriteNumber("max_tokens", 1024);
        w.WriteStartArray("messages");
        w.WriteStartObject();
        w.WriteString("role", "user");
        w.WriteStartArray("content");
        WriteTextBlock(w, Prose("large", Math.Max(0, bytes - 400)), cache: false);
        WriteTextBlock(w, "Summarize the document above.", cache: false);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    });

    private static void WriteUser(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("role", "user");
        w.WriteString("content", text);
        w.WriteEndObject();
    }

    private static void WriteTextBlock(Utf8JsonWriter w, string text, bool cache)
    {
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", text);
        if (cache)
        {
            w.WriteStartObject("cache_control");
            w.WriteString("type", "ephemeral");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static readonly string[] Words =
    [
        "the", "gateway", "forwards", "each", "request", "to", "upstream", "service", "and", "records", "usage",
        "tokens", "when", "a", "stream", "ends", "file", "repository", "function", "returns", "value", "test",
        "build", "configuration", "route", "plugin", "latency", "header", "body", "parse", "JSON", "schema",
        "tool", "command", "output", "error", "retry", "cache", "prompt", "context", "window", "model",
    ];

    /// <summary>Deterministic English-like text of about <paramref name="length"/> characters.</summary>
    public static string Prose(string seed, int length)
    {
        var builder = new StringBuilder(length + 16);
        var state = (uint)seed.GetHashCode(StringComparison.Ordinal) | 1u;
        var sentence = 0;
        while (builder.Length < length)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            var word = Words[state % (uint)Words.Length];
            if (sentence == 0)
            {
                builder.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
            }
            else
            {
                builder.Append(word);
            }

            sentence++;
            if (sentence > 8 + (int)(state % 9))
            {
                builder.Append(state % 7 == 0 ? ".\n" : ". ");
                sentence = 0;
            }
            else
            {
                builder.Append(' ');
            }
        }

        return builder.ToString(0, Math.Min(builder.Length, length));
    }
}
