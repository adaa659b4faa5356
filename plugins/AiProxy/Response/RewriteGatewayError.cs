using System.Text.Json;
using Gateway.Plugins.AiProxy.Buffers;
using Gateway.Plugins.AiProxy.Errors;

namespace Gateway.Plugins.AiProxy.Response;

/// <summary>
/// Turns a gateway-generated error (upstream unreachable 502, timeout 504; Kong's <c>{"message":".."}</c>) into an
/// Anthropic error, so Claude Code shows the reason instead of a parse failure. The host sends such a body in
/// one call; should it come in pieces, they are held back and the error is written at the end.
/// </summary>
internal sealed class RewriteGatewayError : IDisposable
{
    // Not readonly: BoundedBuffer is a mutable struct, and a readonly field would be written through a copy.
    private BoundedBuffer _body = new(Limits.PayloadBytes);

    /// <returns>The Anthropic body written, once the end is reached; otherwise null.</returns>
    public string? Run(BodyChunk chunk, int status)
    {
        _body.Append(chunk.Data.Span);
        if (!chunk.IsEndOfStream)
        {
            chunk.Suppress();
            return null;
        }

        var body = AnthropicErrorBody.Create(AnthropicErrorBody.TypeForStatus(status), MessageOf(_body.WrittenSpan, status));
        chunk.Replace(System.Text.Encoding.UTF8.GetBytes(body));
        return body;
    }

    public void Dispose() => _body.Dispose();

    private static string MessageOf(ReadOnlySpan<byte> kongBody, int status)
    {
        try
        {
            var reader = new Utf8JsonReader(kongBody);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isMessage = reader.ValueTextEquals("message"u8);
                    reader.Read();
                    if (isMessage && reader.TokenType == JsonTokenType.String)
                    {
                        return reader.GetString()!;
                    }

                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not Kong's shape: fall back to a message that names the status.
        }

        return $"The gateway could not complete the request (HTTP {status})";
    }
}
