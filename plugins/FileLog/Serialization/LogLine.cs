using System.Buffers;

namespace Gateway.Plugins.FileLog.Serialization;

/// <summary>
/// One serialized entry, newline included, in a buffer rented from <see cref="ArrayPool{T}.Shared"/>. Ownership
/// moves with the value: whoever holds it last calls <see cref="Return"/> exactly once.
/// </summary>
/// <param name="Buffer">The rented buffer.</param>
/// <param name="Length">How many bytes of <paramref name="Buffer"/> the line uses.</param>
internal readonly record struct LogLine(byte[] Buffer, int Length)
{
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
