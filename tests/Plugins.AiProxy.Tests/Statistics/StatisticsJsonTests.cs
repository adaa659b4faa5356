using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Plugins.AiProxy.Statistics;

namespace Gateway.Plugins.AiProxy.Tests.Statistics;

/// <summary>
/// ai.proxy.meta and ai.proxy.usage are written by the host's log serializer as plain objects through
/// System.Text.Json (as <c>LogValueWriter</c> does: snake_case options, the log's relaxed encoder). The expected
/// text is byte for byte what the former JsonObject trees wrote, so the log line did not change.
/// </summary>
public sealed class StatisticsJsonTests
{
    // The options the host's LogValueWriter serializes plain objects with.
    private static readonly JsonSerializerOptions HostOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Boxed once, as the host holds a log value.
    private static readonly object FullMeta = new MetaStatistics("6f1c2a4e-0000-4000-8000-000000000001", "anthropic", "claude-sonnet-4-5",
        "claude-sonnet-4-5-20250929", 1234, "stream", ("overloaded_error", "Overloaded <now> \"é\"\n"), true, "usage was \\ odd", "claude-opus-4");

    private static readonly object Usage = new UsageStatistics(21753, 64, 21817, 0.0123, 19.3, 412, 14160, 5498);

    [Fact]
    public void Meta_WithEveryOptionalField_IsWrittenInKongsShapeByteForByte()
    {
        Assert.Equal(
            """{"plugin_id":"6f1c2a4e-0000-4000-8000-000000000001","provider_name":"anthropic","request_model":"claude-sonnet-4-5","response_model":"claude-sonnet-4-5-20250929","llm_latency":1234,"request_mode":"stream","client_model":"claude-opus-4","response_error":{"type":"overloaded_error","message":"Overloaded <now> \"é\"\n"},"response_incomplete":true,"usage_problem":"usage was \\ odd"}""",
            Serialize(FullMeta));
    }

    [Fact]
    public void Meta_WithoutOptionalFields_LeavesThemOutAndWritesAMissingErrorTypeAsNull()
    {
        var meta = new MetaStatistics("p", "anthropic", "m", "m", 0, "oneshot", (null, "only a message"), false, null);

        Assert.Equal(
            """{"plugin_id":"p","provider_name":"anthropic","request_model":"m","response_model":"m","llm_latency":0,"request_mode":"oneshot","response_error":{"type":null,"message":"only a message"}}""",
            Serialize(meta));
    }

    [Fact]
    public void Usage_IsWrittenInKongsShapeByteForByte()
    {
        Assert.Equal(
            """{"prompt_tokens":21753,"completion_tokens":64,"total_tokens":21817,"cost":0.0123,"time_per_token":19.3,"time_to_first_token":412,"prompt_tokens_details":{"cached_tokens":14160,"cache_creation_tokens":5498},"completion_tokens_details":{}}""",
            Serialize(Usage));
        Assert.Equal(
            """{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"cost":0,"time_per_token":0.3333333333333333,"time_to_first_token":0,"prompt_tokens_details":{"cached_tokens":0,"cache_creation_tokens":0},"completion_tokens_details":{}}""",
            Serialize(new UsageStatistics(1, 2, 3, 0, 1d / 3, 0, 0, 0)));
    }

    [Fact]
    public void Usage_WithANonFiniteDouble_WritesNullInsteadOfLosingTheLine()
    {
        var json = Serialize(new UsageStatistics(0, 0, 0, double.NaN, double.PositiveInfinity, 0, 0, 0));

        Assert.Contains("\"cost\":null,\"time_per_token\":null,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void MetaAndUsage_OnceWarm_AllocateNothingWhenWritten()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = HostOptions.Encoder });
        WriteBoth(writer, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            WriteBoth(writer, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void WriteBoth(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WritePropertyName("meta");
        JsonSerializer.Serialize(writer, FullMeta, FullMeta.GetType(), HostOptions);
        writer.WritePropertyName("usage");
        JsonSerializer.Serialize(writer, Usage, Usage.GetType(), HostOptions);
        writer.WriteEndObject();
        writer.Flush();
    }

    private static string Serialize(object value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = HostOptions.Encoder }))
        {
            JsonSerializer.Serialize(writer, value, value.GetType(), HostOptions);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
