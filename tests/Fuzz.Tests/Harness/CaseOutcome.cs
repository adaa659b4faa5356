using Gateway.Fuzz.Tests.Fuzzing;
using Gateway.Fuzz.Tests.Wire;

namespace Gateway.Fuzz.Tests.Harness;

/// <summary>A case and what the client got back; <see cref="Error"/> is set when the client could not even talk
/// to the gateway (a refused connection is the gateway no longer serving).</summary>
internal sealed record CaseOutcome(FuzzCase Case, RawExchange Exchange, string? Error = null);
