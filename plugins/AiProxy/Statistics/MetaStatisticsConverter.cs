using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// Lets the host's log serializer, which writes a plain object set with <c>SetSerializeValue</c> through
/// System.Text.Json, write <see cref="MetaStatistics"/> straight into the log line (no allocation once warm).
/// Write-only: the log is never read back into these records.
/// </summary>
internal sealed class MetaStatisticsConverter : JsonConverter<MetaStatistics>
{
    public override MetaStatistics Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ai.proxy.meta is written to the log, never read from it");

    public override void Write(Utf8JsonWriter writer, MetaStatistics value, JsonSerializerOptions options) =>
        StatisticsJson.Write(writer, value);
}
