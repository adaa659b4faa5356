using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Gateway.Host.Listening;

/// <summary>
/// Makes the pools Kestrel's socket transport rents its pipe blocks from (it asks once per I/O queue) and frees their
/// idle blocks every <see cref="EvictionPeriod"/>, as Kestrel's own pool does every 10 s. Registered as the host's
/// <see cref="IMemoryPoolFactory{T}"/>, which the socket transport takes its pool factory from.
/// </summary>
internal sealed class ListenerBlockPoolFactory : IMemoryPoolFactory<byte>, IDisposable
{
    public static readonly TimeSpan EvictionPeriod = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<ListenerBlockPool, byte> _pools = new();
    private readonly ITimer _evictionTimer;

    public ListenerBlockPoolFactory(ListenerBlockSize size, TimeProvider timeProvider)
    {
        Size = size;
        _evictionTimer = timeProvider.CreateTimer(static state => ((ListenerBlockPoolFactory)state!).EvictIdle(), this, EvictionPeriod, EvictionPeriod);
    }

    public ListenerBlockSize Size { get; }

    /// <summary>The pools made and not yet disposed.</summary>
    public IReadOnlyCollection<ListenerBlockPool> Pools => [.. _pools.Keys];

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        var pool = new ListenerBlockPool(Size.BlockSize, Size.MaxRetainedBlocks, disposed => _pools.TryRemove(disposed, out _));
        _pools.TryAdd(pool, 0);
        return pool;
    }

    public void Dispose() => _evictionTimer.Dispose();

    private void EvictIdle()
    {
        foreach (var pool in _pools.Keys)
        {
            pool.EvictIdle();
        }
    }
}
