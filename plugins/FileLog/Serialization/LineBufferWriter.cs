using System.Buffers;

namespace Gateway.Plugins.FileLog.Serialization;

/// <summary>An <see cref="IBufferWriter{T}"/> over pooled arrays whose result is handed off as a
/// <see cref="LogLine"/> instead of copied out, so an entry costs no array allocation in steady state.</summary>
internal sealed class LineBufferWriter : IBufferWriter<byte>
{
    // Most entries (headers, latencies, route, service, ai.proxy stats) fit; payload logging grows it.
    private const int InitialSize = 4096;

    private byte[] _buffer = [];
    private int _written;

    public void Start()
    {
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        _written = 0;
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Append(byte value)
    {
        Ensure(1);
        _buffer[_written++] = value;
    }

    /// <summary>Hands the buffer over; this writer holds nothing afterwards.</summary>
    public LogLine Detach()
    {
        var line = new LogLine(_buffer, _written);
        _buffer = [];
        _written = 0;
        return line;
    }

    /// <summary>Returns the buffer after a failed serialization.</summary>
    public void Abandon()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _written = 0;
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + needed));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
