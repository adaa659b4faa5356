using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Plugins.AiProxy.OpenAi;

/// <summary>The writer options of every body this folder writes: non-ASCII text and quotes stay as they are
/// (as OpenAI and Anthropic send them) instead of <c>\uXXXX</c> escapes that would bloat every delta. The bodies
/// are <c>application/json</c> or SSE, never HTML, so the relaxed encoder is safe.</summary>
internal static class OpenAiJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>For the stream writer, whose chunks are written piecewise between resets.</summary>
    public static readonly JsonWriterOptions StreamWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
}
