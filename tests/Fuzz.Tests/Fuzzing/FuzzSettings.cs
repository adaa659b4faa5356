using System.Globalization;

namespace Gateway.Fuzz.Tests.Fuzzing;

/// <summary>The run's seed and bounds: fixed by default so a failure reproduces, overridable from the environment
/// (<c>FUZZ_SEED</c>, <c>FUZZ_CASES</c>) to explore further or replay a reported seed.</summary>
internal sealed record FuzzSettings(int Seed, int Cases, TimeSpan WallTime, int Workers)
{
    public const int DefaultSeed = 20261130;
    public const int DefaultCases = 1500;

    /// <summary>Generation stops after this even if the count is not reached, so a slow machine still finishes.</summary>
    public static readonly TimeSpan DefaultWallTime = TimeSpan.FromSeconds(45);

    public static FuzzSettings FromEnvironment() => new(
        Read("FUZZ_SEED", DefaultSeed),
        Read("FUZZ_CASES", DefaultCases),
        DefaultWallTime,
        Workers: 4);

    public override string ToString() => $"FUZZ_SEED={Seed} FUZZ_CASES={Cases}";

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
