using System.Text;

namespace Gateway.Fuzz.Tests.Wire;

/// <summary>One HTTP/1.1 message as it crossed the wire: the start line and header lines exactly as sent (Latin-1,
/// so every byte survives), the de-framed body, and how many raw bytes it took.</summary>
internal sealed record WireMessage(string StartLine, IReadOnlyList<WireHeader> Headers, byte[] Body, int RawLength)
{
    /// <summary>Every value of a header, by case-insensitive name, in order.</summary>
    public IEnumerable<string> Values(string name) =>
        Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string? Value(string name) => Values(name).FirstOrDefault();

    /// <summary>The status of a response start line (<c>HTTP/1.1 200 OK</c>), or 0 when it is not one.</summary>
    public int Status =>
        StartLine.Split(' ') is [_, var code, ..] && int.TryParse(code, System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : 0;

    public string BodyText => Encoding.Latin1.GetString(Body);
}

/// <summary>One header line: the name as sent and the value without the surrounding optional whitespace.</summary>
internal sealed record WireHeader(string Name, string Value);
