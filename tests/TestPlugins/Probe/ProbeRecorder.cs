using System.Collections.Concurrent;

namespace Gateway.TestPlugins.Probe;

/// <summary>
/// Records calls where a test can read them: the plugin lives in its own load context, so its statics are
/// invisible to the test; AppContext data holding a BCL queue crosses that boundary.
/// </summary>
internal static class ProbeRecorder
{
    public const string Key = "Gateway.Tests.ProbeCalls";

    public static void Record(string entry)
    {
        if (AppContext.GetData(Key) is ConcurrentQueue<string> queue)
        {
            queue.Enqueue(entry);
        }
    }
}
