using Gateway.Host.Listening;

namespace Gateway.Host.Tests.Listening;

public sealed class ListenerBlockPoolTests
{
    private const int BlockSize = 64 * 1024;

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(BlockSize)]
    public void Rent_AnySizeUpToTheBlock_GivesAWholeBlock(int size)
    {
        using var pool = new ListenerBlockPool(BlockSize, maxRetainedBlocks: 8);

        using var owner = pool.Rent(size);

        Assert.Equal(BlockSize, owner.Memory.Length);
        Assert.Equal(BlockSize, pool.MaxBufferSize);
    }

    [Fact]
    public void Rent_LargerThanTheBlock_Throws()
    {
        using var pool = new ListenerBlockPool(BlockSize, maxRetainedBlocks: 8);

        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(BlockSize + 1));
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void ReturnedBlock_IsRentedAgainInsteadOfANewOne()
    {
        using var pool = new ListenerBlockPool(BlockSize, maxRetainedBlocks: 8);
        var first = pool.Rent();
        var memory = first.Memory;

        first.Dispose();
        using var second = pool.Rent();

        Assert.True(second.Memory.Span.Overlaps(memory.Span));
        Assert.Equal(1, pool.Allocated);
        Assert.Equal(1, pool.Outstanding);
        Assert.Equal(0, pool.Retained);
    }

    [Fact]
    public void Outstanding_CountsBlocksRentedAndNotReturned()
    {
        using var pool = new ListenerBlockPool(BlockSize, maxRetainedBlocks: 8);
        var owners = Enumerable.Range(0, 5).Select(_ => pool.Rent()).ToList();

        Assert.Equal(5, pool.Outstanding);
        owners[0].Dispose();
        owners[1].Dispose();

        Assert.Equal(3, pool.Outstanding);
        Assert.Equal(2, pool.Retained);
    }

    [Fact]
    public void BlockDisposedTwice_IsKeptOnceAndNeverHandedToTwoRenters()
    {
        using var pool = new ListenerBlockPool(BlockSize, maxRetainedBlocks: 8);
        var owner = pool.Rent();

        owner.Dispose();
        owner.Dispose();
        using var a = pool.Rent();
        using var b = pool.Rent();

        Assert.Equal(0, pool.Retained);
        Assert.False(a.Memory.Span.Overlaps(b.Memory.Span));
        Assert.Equal(2, pool.Outstanding);
    }

    [Fact]
    public void Return_BeyondTheBound_LeavesTheBlockToTheGarbageCollector()
    {
        using var pool = new ListenerBlockPool(BlockSize, maxRetainedBlocks: 2);
        var owners = Enumerable.Range(0, 5).Select(_ => pool.Rent()).ToList();

        owners.ForEach(o => o.Dispose());

        Assert.Equal(2, pool.Retained);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void EvictIdle_FreesTheBlocksUnusedForAWholePeriod()
    {
        using var pool = new ListenerBlockPool(BlockSize, maxRetainedBlocks: 64);
        var burst = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();
        burst.ForEach(o => o.Dispose());

        // The period in which the burst ended: its blocks were needed in it, so none goes yet.
        Assert.Equal(0, pool.EvictIdle());
        Assert.Equal(10, pool.Retained);

        // A whole period without a rent: all ten were idle.
        Assert.Equal(10, pool.EvictIdle());
        Assert.Equal(0, pool.Retained);
    }

    [Fact]
    public void EvictIdle_KeepsTheBlocksInSteadyUse()
    {
        using var pool = new ListenerBlockPool(BlockSize, maxRetainedBlocks: 64);
        Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList().ForEach(o => o.Dispose());
        pool.EvictIdle();

        // Three requests in flight at most during this period: seven blocks sat unused the whole time.
        for (var i = 0; i < 4; i++)
        {
            var inFlight = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();
            inFlight.ForEach(o => o.Dispose());
        }

        Assert.Equal(7, pool.EvictIdle());
        Assert.Equal(3, pool.Retained);
        Assert.Equal(10, pool.Allocated);
    }

    [Fact]
    public void Dispose_DropsTheFreeBlocksAndRefusesRents()
    {
        var pool = new ListenerBlockPool(BlockSize, maxRetainedBlocks: 8);
        var kept = pool.Rent();
        pool.Rent().Dispose();

        pool.Dispose();

        Assert.Equal(0, pool.Retained);
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
        // A block still out when the transport stops comes back later; it is counted but not kept.
        kept.Dispose();
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, pool.Retained);
    }

    [Fact]
    public async Task ConcurrentRentsAndReturns_LoseNoBlockAndShareNone()
    {
        using var pool = new ListenerBlockPool(4096, maxRetainedBlocks: 16);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                using var owner = pool.Rent();
                // Each renter stamps the block and checks it kept its stamp: a block handed to two renters at once
                // would show the other's.
                var span = owner.Memory.Span;
                span.Fill((byte)worker);
                Assert.True(span.IndexOfAnyExcept((byte)worker) < 0);
            }
        })));

        Assert.Equal(0, pool.Outstanding);
        Assert.InRange(pool.Retained, 1, 16);
    }
}
