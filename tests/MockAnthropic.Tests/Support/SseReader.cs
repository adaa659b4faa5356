using System.Text.Json;

namespace Gateway.MockAnthropic.Tests.Support;

/// <summary>Reads <c>event:</c>/<c>data:</c> frames one at a time, checking the exact framing the mock promises.</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    /// <returns>The next event, or null at the end of the stream.</returns>
    public async Task<SseEvent?> NextAsync(CancellationToken cancellationToken = default)
    {
        var eventLine = await _reader.ReadLineAsync(cancellationToken);
        if (eventLine is null)
        {
            return null;
        }

        var dataLine = await _reader.ReadLineAsync(cancellationToken);
        var blank = await _reader.ReadLineAsync(cancellationToken);
        Assert.StartsWith("event: ", eventLine, StringComparison.Ordinal);
        Assert.NotNull(dataLine);
        Assert.StartsWith("data: ", dataLine, StringComparison.Ordinal);
        Assert.Equal("", blank);
        using var doc = JsonDocument.Parse(dataLine["data: ".Length..]);
        return new SseEvent(eventLine["event: ".Length..], doc.RootElement.Clone());
    }

    public async Task<List<SseEvent>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var events = new List<SseEvent>();
        while (await NextAsync(cancellationToken) is { } e)
        {
            events.Add(e);
        }

        return events;
    }

    public void Dispose() => _reader.Dispose();
}
