using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Gateway.Plugins.AiProxy.AnthropicToOpenAi;

/// <summary>
/// <c>count_tokens</c> for a route whose backend cannot count Anthropic requests: the request is translated as a
/// Messages call would be, and the texts the model reads (system, message texts, tool calls and results, tool
/// definitions) are counted with tiktoken's <c>o200k_base</c> (GPT-4o and later; Microsoft.ML.Tokenizers). Chat
/// template tokens (a few per message) and images are not counted, so the figure is a slight underestimate for
/// OpenAI models and an estimate for other model families, whose tokenizers differ.
/// </summary>
internal static class LocalTokenCount
{
    private static readonly Lazy<Tokenizer> Tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(ReadOnlySpan<byte> chatBody)
    {
        var text = new StringBuilder();
        var reader = new Utf8JsonReader(chatBody);
        while (reader.Read())
        {
            // The backend's model name is not prompt text.
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                continue;
            }

            // Every other string value is text the model reads (roles, contents, tool names and arguments, tool
            // schemas); property names of the chat envelope are not, and are left out.
            if (reader.TokenType == JsonTokenType.String)
            {
                text.Append(reader.GetString()).Append('\n');
            }
        }

        return Tokenizer.Value.CountTokens(text.ToString());
    }
}
