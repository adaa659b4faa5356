using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Gateway.Host.Listening;

/// <summary>
/// The pool Kestrel's socket transport rents its pipe blocks from, with blocks larger than Kestrel's 4 KB. The
/// transport receives into the free space of the input pipe's last block, so the block size is the largest
/// <c>recvfrom</c>: with 4 KB blocks a 90 KB Claude Code body arrives in 23 receives, each with its own 1-byte
/// <c>MSG_PEEK</c> and its own wake-up of the request's reader; with 32 KB blocks in about four
/// (docs/performance.md, "The 90 KB Claude Code body"). Memory stays bounded in two ways: at most
/// <see cref="MaxRetainedBlocks"/> free blocks are kept (a block returned beyond that is left to the GC), and
/// <see cref="EvictIdle"/>, run periodically by <see cref="ListenerBlockPoolFactory"/>, frees the blocks that stayed
/// in the free list for a whole period. A keep-alive connection waiting for its next request holds no block, because
/// the transport waits for data before it rents one (<c>WaitForDataBeforeAllocatingBuffer</c>, left on).
/// </summary>
internal sealed class ListenerBlockPool : MemoryPool<byte>
{
    private readonly ConcurrentQueue<Block> _free = new();
    private readonly int _blockSize;
    private readonly Action<ListenerBlockPool>? _onDisposed;
    private int _retained;
    private int _lowWater;
    private long _outstanding;
    private long _allocated;
    private volatile bool _disposed;

    /// <param name="onDisposed">Told when the pool is disposed (the transport disposes its pools when its listener
    /// stops), so that whoever evicts its idle blocks can forget it.</param>
    public ListenerBlockPool(int blockSize, int maxRetainedBlocks, Action<ListenerBlockPool>? onDisposed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetainedBlocks);
        _blockSize = blockSize;
        MaxRetainedBlocks = maxRetainedBlocks;
        _onDisposed = onDisposed;
    }

    public override int MaxBufferSize => _blockSize;

    public int MaxRetainedBlocks { get; }

    /// <summary>Blocks rented and not yet returned.</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>Free blocks kept for the next rent.</summary>
    public int Retained => Volatile.Read(ref _retained);

    /// <summary>Blocks allocated since the pool was made (a rent the free list could not serve).</summary>
    public long Allocated => Interlocked.Read(ref _allocated);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, _blockSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_free.TryDequeue(out var block))
        {
            var left = Interlocked.Decrement(ref _retained);
            // A benign race: two rents may both lower the mark; it only ever errs towards keeping a block.
            if (left < Volatile.Read(ref _lowWater))
            {
                Volatile.Write(ref _lowWater, left);
            }
        }
        else
        {
            block = new Block(this, _blockSize);
            Interlocked.Increment(ref _allocated);
        }

        block.MarkRented();
        Interlocked.Increment(ref _outstanding);
        return block;
    }

    /// <summary>
    /// Frees the blocks nobody needed since the last call: as many as the free list never dipped below. Blocks in
    /// steady use are kept; a burst's blocks go once the burst has been over for a whole period.
    /// </summary>
    /// <returns>How many blocks were freed.</returns>
    public int EvictIdle()
    {
        var idle = Math.Min(Volatile.Read(ref _lowWater), Volatile.Read(ref _retained));
        var freed = 0;
        while (freed < idle && _free.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _retained);
            freed++;
        }

        Volatile.Write(ref _lowWater, Volatile.Read(ref _retained));
        return freed;
    }

    private void Return(Block block)
    {
        Interlocked.Decrement(ref _outstanding);
        if (_disposed)
        {
            return;
        }

        if (Interlocked.Increment(ref _retained) > MaxRetainedBlocks)
        {
            // Over the bound: the block's array goes to the GC instead of the free list.
            Interlocked.Decrement(ref _retained);
            return;
        }

        _free.Enqueue(block);
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        while (_free.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _retained);
        }

        _onDisposed?.Invoke(this);
    }

    /// <summary>One pinned array (the transport hands it to the socket), rented to one owner at a time.</summary>
    private sealed class Block : IMemoryOwner<byte>
    {
        private readonly ListenerBlockPool _pool;
        private int _rented;

        public Block(ListenerBlockPool pool, int size)
        {
            _pool = pool;
            var array = GC.AllocateUninitializedArray<byte>(size, pinned: true);
            Memory = MemoryMarshal.CreateFromPinnedArray(array, 0, array.Length);
        }

        public Memory<byte> Memory { get; }

        public void MarkRented() => Volatile.Write(ref _rented, 1);

        // An owner that disposes twice must not put the block in the free list twice (two later renters would share it).
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _rented, 0) == 1)
            {
                _pool.Return(this);
            }
        }
    }
}
