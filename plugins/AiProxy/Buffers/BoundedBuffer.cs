using System.Buffers;

namespace Gateway.Plugins.AiProxy.Buffers;

/// <summary>
/// A pooled byte buffer that never grows past <see cref="Limit"/>: whatever does not fit is dropped and
/// <see cref="Truncated"/> says so. Everything the plugin keeps per request goes through one of these, so a huge
/// body or a runaway stream costs at most the limit.
/// A struct, held in a plain (not readonly) field of its owner and never copied: a stream has three of these, and as
/// objects they cost ~120 B per request for nothing but their headers and the field pointing at them.
/// </summary>
internal struct BoundedBuffer(int limit) : IDisposable
{
    private const int MinimumRent = 256;
    private byte[] _array = [];

    public int Limit { get; } = limit;

    public int Length { get; private set; }

    public bool Truncated { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, Length);

    /// <summary>Appends raw bytes, truncating at the limit.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        var room = Limit - Length;
        if (data.Length > room)
        {
            Truncated = true;
            data = data[..room];
        }

        Write(data);
    }

    /// <summary>Appends UTF-8 text, truncating at the limit on a character boundary so the result still decodes.</summary>
    public void AppendText(ReadOnlySpan<byte> utf8)
    {
        var room = Limit - Length;
        if (utf8.Length > room)
        {
            Truncated = true;
            utf8 = utf8[..Utf8Boundary.Floor(utf8, room)];
        }

        Write(utf8);
    }

    public void Clear()
    {
        Length = 0;
        Truncated = false;
    }

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }

        Length = 0;
    }

    private void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var needed = Length + data.Length;
        if (needed > _array.Length)
        {
            Grow(needed);
        }

        data.CopyTo(_array.AsSpan(Length));
        Length = needed;
    }

    private void Grow(int needed)
    {
        var size = Math.Min(Limit, Math.Max(needed, Math.Max(MinimumRent, _array.Length * 2)));
        var next = ArrayPool<byte>.Shared.Rent(size);
        WrittenSpan.CopyTo(next);
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = next;
    }
}
