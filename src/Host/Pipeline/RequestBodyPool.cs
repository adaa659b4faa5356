using System.Buffers;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Buffers for request bodies a plugin reads. Not <see cref="ArrayPool{T}.Shared"/>: its per-thread caches keep one
/// large array per thread that served a large body, so a few 4 MB requests on different threads pinned several
/// 4 MB arrays at once. One shared pool with few arrays per size keeps memory near one body per concurrent request.
/// </summary>
internal static class RequestBodyPool
{
    public static readonly ArrayPool<byte> Instance = ArrayPool<byte>.Create(maxArrayLength: 64 * 1024 * 1024, maxArraysPerBucket: 16);
}
