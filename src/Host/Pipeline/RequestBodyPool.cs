using System.Buffers;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Buffers for request bodies a plugin reads. Large ones do not come from <see cref="ArrayPool{T}.Shared"/>: its
/// per-thread caches keep one array of each size per thread that used one, so a few 4 MB requests on different
/// threads pinned several 4 MB arrays at once. One shared pool with few arrays per size keeps memory near one body
/// per concurrent request. Small ones (the usual Messages call) do come from the shared pool: the cached array
/// costs at most <see cref="SmallLimit"/> per thread, and its lock-free per-thread cache spares every request the
/// bounded pool's lock (seen in the access phase's profile).
/// </summary>
internal static class RequestBodyPool
{
    /// <summary>The largest buffer taken from the shared pool; a power of two, so the shared pool never hands out
    /// a longer array for a request up to it, and an array's length says which pool it came from.</summary>
    public const int SmallLimit = 64 * 1024;

    private static readonly ArrayPool<byte> Large = ArrayPool<byte>.Create(maxArrayLength: 64 * 1024 * 1024, maxArraysPerBucket: 16);

    /// <summary>A buffer of at least <paramref name="minimumLength"/> bytes, from the pool its size belongs to.</summary>
    public static byte[] Rent(int minimumLength) =>
        minimumLength <= SmallLimit ? ArrayPool<byte>.Shared.Rent(minimumLength) : Large.Rent(minimumLength);

    /// <summary>Returns a buffer from <see cref="Rent"/> to the pool it came from.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= SmallLimit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        else
        {
            Large.Return(buffer);
        }
    }
}
