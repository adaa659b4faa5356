using System.Collections.Concurrent;
using System.Text.Json;
using Gateway.MockAnthropic.Http;
using Gateway.MockAnthropic.Parsing;
using Gateway.MockAnthropic.Scenarios;

namespace Gateway.MockAnthropic.Replies;

/// <summary>Decides the answer's blocks from the request, its markers and the defaults.</summary>
internal static class ReplyPlanner
{
    public const string DefaultText = "Hello from the mock Anthropic server.";
    public const string ThinkingText = "The request came to the mock, so the scripted answer is the right one.";
    public const string BashToolName = "Bash";
    public const string BashDescription = "Run command";

    // Opaque to clients; only the real API could verify it, and it is never sent there.
    public const string Signature = "EqQBCkgIBRABGAIiQG1vY2stYW50aHJvcGljLXRoaW5raW5nLXNpZ25hdHVyZQ==";

    private const int JsonPieceChars = 16;

    // Benchmarks ask for the default answer over and over: its pieces are cut once per delta count and shared
    // (pieces are never modified after planning).
    private static readonly string[] ThinkingPieces = [.. TextSplitter.Words(ThinkingText)];
    private static readonly ConcurrentDictionary<int, string[]> DefaultTextPieces = new();

    /// <summary>
    /// A bash marker asks for a tool call until the tool result comes back; then (or without a bash marker) a text
    /// marker's text, the "Done: …" summary of a tool result, or the default sentence.
    /// </summary>
    public static ReplyPlan Plan(MessagesRequest request, Scenario scenario, MockAnthropicOptions options)
    {
        var blocks = new List<ReplyBlock>(2);
        if (request.ThinkingEnabled)
        {
            blocks.Add(new ReplyBlock
            {
                Kind = ReplyBlockKind.Thinking,
                Pieces = ThinkingPieces,
                Signature = Signature,
            });
        }

        if (scenario.BashCommand is not null && !request.LastUserHasToolResult)
        {
            blocks.Add(BashCall(scenario.BashCommand));
            return new ReplyPlan { Blocks = [.. blocks], StopReason = "tool_use" };
        }

        var text = scenario.Text
            ?? (request.LastUserHasToolResult ? "Done: " + Summarize(request.ToolResultText) : DefaultText);
        blocks.Add(new ReplyBlock
        {
            Kind = ReplyBlockKind.Text,
            Pieces = TextPieces(text, scenario.DeltaCount ?? options.Deltas),
        });
        return new ReplyPlan
        {
            Blocks = [.. blocks],
            StopReason = "end_turn",
            TextDeltaIntervalMs = scenario.DeltaIntervalMs ?? options.DeltaIntervalMs,
        };
    }

    private static string[] TextPieces(string text, int count) =>
        ReferenceEquals(text, DefaultText)
            ? DefaultTextPieces.GetOrAdd(count, static n => TextSplitter.Split(DefaultText, n))
            : TextSplitter.Split(text, count);

    private static ReplyBlock BashCall(string command)
    {
        using var buffer = new PooledBufferWriter(256);
        using (var json = new Utf8JsonWriter(buffer, JsonDefaults.Writer))
        {
            json.WriteStartObject();
            json.WriteString("command"u8, command);
            json.WriteString("description"u8, BashDescription);
            json.WriteEndObject();
        }

        var input = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);

        // The real API opens every tool input with an empty partial_json; gateways must cope with it.
        var pieces = TextSplitter.Chunks(input, JsonPieceChars);
        pieces.Insert(0, "");
        return new ReplyBlock
        {
            Kind = ReplyBlockKind.ToolUse,
            Pieces = [.. pieces],
            ToolId = Ids.ToolUse(),
            ToolName = BashToolName,
        };
    }

    private static string Summarize(string? toolResult)
    {
        const int MaxChars = 80;
        foreach (var line in (toolResult ?? "").Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                return trimmed.Length <= MaxChars ? trimmed : trimmed[..MaxChars] + "…";
            }
        }

        return "the tool finished without output.";
    }
}
