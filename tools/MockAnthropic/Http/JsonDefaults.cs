using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.MockAnthropic.Http;

internal static class JsonDefaults
{
    /// <summary>Raw UTF-8 for non-ASCII text, as the real API sends it; nothing here is embedded in HTML.</summary>
    public static readonly JsonWriterOptions Writer = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
