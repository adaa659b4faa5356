using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.MockAnthropic.Recording;

/// <summary>
/// The JSON form of <see cref="RecordedRequest"/> served at <c>/_mock/requests</c>: snake_case, so usage fields
/// carry the same names as on the Anthropic wire. Out-of-process tests deserialize with the same options.
/// </summary>
internal static class RecordedRequestJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static RecordedRequest[] Deserialize(string json) =>
        JsonSerializer.Deserialize<RecordedRequest[]>(json, Options) ?? [];
}
