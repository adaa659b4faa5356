using System.Text.Json;

namespace Gateway.MockAnthropic.Tests.Support;

/// <summary>One parsed server-sent event; <see cref="Data"/> is a detached clone.</summary>
internal sealed record SseEvent(string Name, JsonElement Data)
{
    public string Type => Data.GetProperty("type").GetString()!;
}
