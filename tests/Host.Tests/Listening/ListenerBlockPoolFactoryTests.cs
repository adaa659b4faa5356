using Gateway.Host.Listening;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Host.Tests.Listening;

public sealed class ListenerBlockPoolFactoryTests
{
    [Fact]
    public void Create_GivesAPoolOfTheConfiguredBlockSizeAndBound()
    {
        using var factory = new ListenerBlockPoolFactory(ListenerBlockSize.Of(32 * 1024), new FakeTimeProvider());

        var pool = Assert.IsType<ListenerBlockPool>(factory.Create());

        Assert.Equal(32 * 1024, pool.MaxBufferSize);
        Assert.Equal(512, pool.MaxRetainedBlocks);
        Assert.Same(pool, Assert.Single(factory.Pools));
    }

    [Fact]
    public void IdleBlocks_AreFreedByTheTimerAfterAWholeIdlePeriod()
    {
        var time = new FakeTimeProvider();
        using var factory = new ListenerBlockPoolFactory(ListenerBlockSize.Of(16 * 1024), time);
        var pool = (ListenerBlockPool)factory.Create();
        Enumerable.Range(0, 6).Select(_ => pool.Rent()).ToList().ForEach(o => o.Dispose());

        time.Advance(ListenerBlockPoolFactory.EvictionPeriod);
        Assert.Equal(6, pool.Retained);

        time.Advance(ListenerBlockPoolFactory.EvictionPeriod);
        Assert.Equal(0, pool.Retained);
    }

    [Fact]
    public void DisposedPool_IsForgotten()
    {
        using var factory = new ListenerBlockPoolFactory(ListenerBlockSize.Of(16 * 1024), new FakeTimeProvider());
        var kept = factory.Create();
        var stopped = factory.Create();

        stopped.Dispose();

        Assert.Same(kept, Assert.Single(factory.Pools));
    }

    [Fact]
    public void Dispose_StopsTheEvictionTimer()
    {
        var time = new FakeTimeProvider();
        var factory = new ListenerBlockPoolFactory(ListenerBlockSize.Of(16 * 1024), time);
        var pool = (ListenerBlockPool)factory.Create();
        pool.Rent().Dispose();

        factory.Dispose();
        time.Advance(ListenerBlockPoolFactory.EvictionPeriod * 3);

        Assert.Equal(1, pool.Retained);
    }
}
