using Microsoft.Extensions.ObjectPool;

namespace Gateway.Plugins.AiProxy.Statistics;

/// <summary>
/// The objects set as <c>ai.proxy.meta</c> and <c>ai.proxy.usage</c>, rented per request and returned when the host
/// disposes ai-proxy's state. <c>SetSerializeValue</c> takes an object, so the two statistics structs were boxed
/// every request (~180 B a stream); the host disposes plugin state only after every log phase and log observer
/// ran, so no log line can still be writing from these when the next request takes them.
/// </summary>
internal sealed class LoggedStatistics
{
    // As many as requests in flight on a small machine; more are left to the GC.
    private static readonly ObjectPool<LoggedStatistics> Pool =
        new DefaultObjectPool<LoggedStatistics>(new DefaultPooledObjectPolicy<LoggedStatistics>(), 256);

    public LoggedMeta Meta { get; } = new();

    public LoggedUsage Usage { get; } = new();

    public static LoggedStatistics Rent() => Pool.Get();

    /// <summary>Clears the values (so the pool holds no request's model names) and keeps the holder. Nothing may
    /// read it afterwards.</summary>
    public static void Return(LoggedStatistics values)
    {
        values.Meta.Value = default;
        values.Usage.Value = default;
        Pool.Return(values);
    }
}
