namespace Gateway.Plugins.AiProxy.Response;

/// <summary>A read-only stream over the current chunk only: returns 0 when the chunk is used up, which a
/// decompressor reads as "wait for more", not as the end.</summary>
internal sealed class ChunkStream : Stream
{
    private ReadOnlyMemory<byte> _chunk;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Set(ReadOnlyMemory<byte> chunk) => _chunk = chunk;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _chunk.Length);
        _chunk.Span[..count].CopyTo(buffer);
        _chunk = _chunk[count..];
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
