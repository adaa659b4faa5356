namespace Gateway.Fuzz.Tests.Fuzzing;

/// <summary>One request of a case as the client wrote it.</summary>
/// <param name="Tag">The <c>X-Fuzz-Case</c> value (<c>case.index</c>) that ties the upstream's view and the log line back to it.</param>
/// <param name="Headers">The header lines as sent, split at the first colon; what the upstream may see besides the gateway's own headers.</param>
/// <param name="Payload">The body the client meant, de-chunked; null when the framing is deliberately broken.</param>
/// <param name="Mutations">What was done to it, for the failure message.</param>
internal sealed record FuzzRequest(
    string Tag,
    FuzzRoute Route,
    string Method,
    string Target,
    IReadOnlyList<Wire.WireHeader> Headers,
    byte[] Bytes,
    byte[]? Payload,
    IReadOnlyList<string> Mutations)
{
    public bool IsHead => Method == "HEAD";
}
