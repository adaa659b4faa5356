using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary><see cref="UsageStatistics"/> in a reusable holder (see <see cref="LoggedStatistics"/>), written into
/// the log line exactly as the struct itself is.</summary>
[JsonConverter(typeof(LoggedUsageConverter))]
internal sealed class LoggedUsage
{
    public UsageStatistics Value { get; set; }
}

/// <summary>Writes a <see cref="LoggedUsage"/> as its <see cref="UsageStatistics"/>. Write-only.</summary>
internal sealed class LoggedUsageConverter : JsonConverter<LoggedUsage>
{
    public override LoggedUsage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("ai.proxy.usage is written to the log, never read from it");

    public override void Write(Utf8JsonWriter writer, LoggedUsage value, JsonSerializerOptions options) =>
        StatisticsJson.Write(writer, value.Value);
}
