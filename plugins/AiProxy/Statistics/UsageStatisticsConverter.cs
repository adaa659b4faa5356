using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// Lets the host's log serializer, which writes a plain object set with <c>SetSerializeValue</c> through
/// System.Text.Json, write <see cref="UsageStatistics"/> straight into the log line (no allocation once warm).
/// Write-only: the log is never read back into these records.
/// </summary>
internal sealed class UsageStatisticsConverter : JsonConverter<UsageStatistics>
{
    public override UsageStatistics Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ai.proxy.usage is written to the log, never read from it");

    public override void Write(Utf8JsonWriter writer, UsageStatistics value, JsonSerializerOptions options) =>
        StatisticsJson.Write(writer, value);
}
