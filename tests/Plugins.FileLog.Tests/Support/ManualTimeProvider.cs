namespace Gateway.Plugins.FileLog.Tests.Support;

/// <summary>A clock that moves only when told: the writer reads the time, it never waits on timers.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
