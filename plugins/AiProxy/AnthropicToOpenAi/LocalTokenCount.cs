using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// <c>count_tokens</c> for a route whose backend cannot count Anthropic requests: the request is translated as a
/// Messages call would be, and the translated Chat Completions request is counted the way GPT-4o bills it: tiktoken's
/// <c>o200k_base</c> (Microsoft.ML.Tokenizers) plus OpenAI's chat overhead (3 tokens a message, 1 a name, 3 to prime
/// the reply) and the tool definitions rendered as OpenAI renders functions (<see cref="FunctionDefinitions"/>).
/// This is the published counting scheme of OpenAI's cookbook as gpt-tokenizer implements it; for text-only requests
/// it is exactly GPT-4o's <c>prompt_tokens</c>. Images are not counted. Other model families tokenize differently:
/// docs/plugins/ai-proxy.md gives the measured gaps.
/// </summary>
internal static class LocalTokenCount
{
    private const int PerMessage = 3;
    private const int PerName = 1;
    private const int ReplyPrime = 3;
    private const int PerFunctionCall = 3;
    private const int FunctionsOverhead = 9;
    private const int SystemWithFunctionsDeduction = 4;
    private const int ToolChoiceNone = 1;
    private const int ToolChoiceNamed = 4;

    private static readonly Lazy<Tokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(ReadOnlyMemory<byte> chatBody)
    {
        using var document = JsonDocument.Parse(chatBody);
        var root = document.RootElement;
        var functions = root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0
            ? tools
            : (JsonElement?)null;

        var total = ReplyPrime;
        var hasSystem = false;
        var systemPadded = false;
        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
                var content = Text(message);
                if (role == "system")
                {
                    hasSystem = true;

                    // With functions, OpenAI ends the first system message with a newline before the namespace.
                    if (functions is not null && !systemPadded && content.Length > 0 && !content.EndsWith('\n'))
                    {
                        content += "\n";
                    }

                    systemPadded = true;
                }

                var nameTokens = message.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } name
                    ? Tokens(name) + PerName
                    : 0;
                if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0)
                {
                    // The tools API has no published rendering: each call counts as the functions API's function_call,
                    // the first one with the message's text.
                    var first = true;
                    foreach (var call in calls.EnumerateArray())
                    {
                        total += PerMessage + Tokens(role) + nameTokens + PerFunctionCall + (first ? Tokens(content) : 0);
                        if (call.TryGetProperty("function", out var function))
                        {
                            total += Tokens(StringOf(function, "name")) + Tokens(StringOf(function, "arguments"));
                        }

                        first = false;
                    }

                    continue;
                }

                total += PerMessage + Tokens(role) + Tokens(content) + nameTokens;
            }
        }

        if (functions is { } definitions)
        {
            total += Tokens(FunctionDefinitions.Render(definitions)) + FunctionsOverhead;
            if (hasSystem)
            {
                total -= SystemWithFunctionsDeduction;
            }
        }

        if (root.TryGetProperty("tool_choice", out var choice))
        {
            if (choice.ValueKind == JsonValueKind.String && choice.ValueEquals("none"u8))
            {
                total += ToolChoiceNone;
            }
            else if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function", out var chosen)
                && StringOf(chosen, "name") is { Length: > 0 } chosenName)
            {
                total += Tokens(chosenName) + ToolChoiceNamed;
            }
        }

        return total;
    }

    private static int Tokens(string text) => text.Length == 0 ? 0 : Tokenizer.Value.CountTokens(text);

    private static string StringOf(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";

    /// <summary>A message's text: its string content, or its text parts joined (image parts are not counted).</summary>
    private static string Text(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return "";
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (StringOf(part, "type") == "text")
            {
                text.Append(StringOf(part, "text"));
            }
        }

        return text.ToString();
    }
}
