using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary><see cref="MetaStatistics"/> in a reusable holder (see <see cref="LoggedStatistics"/>), written into
/// the log line exactly as the struct itself is.</summary>
[JsonConverter(typeof(LoggedMetaConverter))]
internal sealed class LoggedMeta
{
    public MetaStatistics Value { get; set; }
}

/// <summary>Writes a <see cref="LoggedMeta"/> as its <see cref="MetaStatistics"/>. Write-only.</summary>
internal sealed class LoggedMetaConverter : JsonConverter<LoggedMeta>
{
    public override LoggedMeta Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ai.proxy.meta is written to the log, never read from it");

    public override void Write(Utf8JsonWriter writer, LoggedMeta value, JsonSerializerOptions options) =>
        StatisticsJson.Write(writer, value.Value);
}
