using System.Collections.Concurrent;

namespace Gateway.Integration.Tests.Infrastructure;

/// <summary>Reads what the probe test plugins recorded (see tests/TestPlugins/Probe), filtered by request id.</summary>
internal static class ProbeCalls
{
    private static readonly ConcurrentQueue<string> Calls = Install();

    public static void EnsureInstalled() => _ = Calls;

    /// <summary>Entries <c>name:tag:phase</c> for one request, in call order.</summary>
    public static IReadOnlyList<string> For(string requestId) =>
        [.. Calls.Where(c => c.EndsWith(":" + requestId, StringComparison.Ordinal)).Select(c => c[..c.LastIndexOf(':')])];

    private static ConcurrentQueue<string> Install()
    {
        var queue = new ConcurrentQueue<string>();
        AppContext.SetData("Gateway.Tests.ProbeCalls", queue);
        return queue;
    }
}
