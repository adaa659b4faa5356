using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests.Fuzzing;

/// <summary>One connection's worth of fuzzing: the requests on it, how their bytes are cut into writes, and
/// whether the client walks away instead of reading.</summary>
internal sealed record FuzzCase(int Id, IReadOnlyList<FuzzRequest> Requests, IReadOnlyList<Segment> Segments, bool Abort)
{
    public byte[] Bytes => [.. Segments.SelectMany(s => s.Bytes)];

    /// <summary>How to find and replay it: the seed, the case and its bytes, printable.</summary>
    public string Describe(FuzzSettings settings) =>
        $"case {Id} ({settings}){(Abort ? " aborted" : "")} [{string.Join("; ", Requests.Select(r => $"{r.Tag} {r.Route}: {string.Join(", ", r.Mutations)}"))}] bytes: {WireParser.Escape(Bytes, 600)}";
}
